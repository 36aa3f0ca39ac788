import PlatformAdapters
import Testing

/// Hostile payloads: every adapter gives fewer posts, never a trap or a hang.
@Suite struct HostileInputTests {
    let set = AdapterSet.standard(
        configuration: AdapterConfiguration(htmlSelectors: try? HTMLSelectors(post: "div", body: "div")))
    let urls = [
        "http://h.example/api/v1/timelines/public", "http://h.example/api/user/a/posts?page=1",
        "http://h.example/feed.rss", "http://h.example/page.html",
    ]
    let types: [String?] = ["application/json", "application/rss+xml", "text/html", nil]

    static let payloads: [[UInt8]] = {
        let deepArray =
            Array(repeating: UInt8(ascii: "["), count: 100_000) + Array(repeating: UInt8(ascii: "]"), count: 100_000)
        let deepObject = Array(String(repeating: #"{"a":"#, count: 100_000).utf8)
        let hugeArray = Array(("[" + String(repeating: "0,", count: 200_000) + "0]").utf8)
        let manyStatuses = Array(
            ("["
                + Array(repeating: #"{"id":"1","account":{"id":"x"},"content":"a"}"#, count: 2_000).joined(
                    separator: ",") + "]").utf8)
        var junk: [UInt8] = []
        var state: UInt32 = 0x1234_5678
        for _ in 0..<50_000 {
            state = state &* 1_664_525 &+ 1_013_904_223
            junk.append(UInt8(truncatingIfNeeded: state >> 24))
        }
        let deepXML = Array((String(repeating: "<item>", count: 100_000) + "<guid>x</guid>").utf8)
        let deepHTML = Array((String(repeating: "<div>", count: 100_000) + "text").utf8)
        return [
            [], [0], Array("{".utf8), Array("[".utf8), Array(#"{"id":"#.utf8),
            Array(#"[{"id":"1","content":"<p>"#.utf8),
            Array(#""\ud800""#.utf8), Array(#"{"posts":[{"id":1,"body":"x"},"#.utf8), Array("nul\u{0}l".utf8),
            Array(#"{"id": [1], "author": {"x": []}, "body": 7, "media": "nope", "created_at": {}}"#.utf8),
            Array(
                #"[{"id": {}, "account": [], "content": null, "media_attachments": {"url": 1}, "reblog": "x"}]"#.utf8),
            Array("<rss><channel><item><guid>a</guid><enclosure url=\"javascript:alert(1)\"/><link>".utf8),
            Array(
                "<feed><entry><id>1</id><content type=\"html\">&#0;&#xFFFFFFFF;&#55296;&bogus;</content></entry></feed>"
                    .utf8),
            Array("<html><script type=\"application/ld+json\">[[[[[[[[[[{\"@type\":\"SocialMediaPosting\"".utf8),
            Array((String(repeating: "<x>", count: 300) + "<item><guid>a</guid><link>b</link></item>").utf8),
            Array((String(repeating: "<x>", count: 255) + "<item><x><x><x><x><x><x><x><x><x><x>t").utf8),
            deepArray, deepObject, hugeArray, manyStatuses, junk, deepXML, deepHTML,
        ]
    }()

    @Test(arguments: payloads.indices)
    func neverTraps(index: Int) {
        let payload = Self.payloads[index]
        for url in urls {
            for type in types {
                // 410 only changes what the Parler-style adapter does.
                for status in url.contains("/api/user/") ? [200, 410] : [200] {
                    let headers = type.map { [(name: "Content-Type", value: $0)] } ?? []
                    let output = set.extract(AdapterInput(url: url, status: status, headers: headers, payload: payload))
                    #expect(output.posts.count <= AdapterOutput.maxPosts)
                    #expect(output.links.count <= AdapterOutput.maxLinks)
                    #expect(output.links.allSatisfy { $0.hasPrefix("http://") || $0.hasPrefix("https://") })
                }
            }
        }
    }

    @Test func postsAreCapped() {
        let statuses = (0..<12_000).map { #"{"id":"\#($0)","account":{"id":"1"},"content":"a"}"# }
        let input = AdapterInput(
            url: "http://h.example/api/v1/timelines/public",
            headers: [(name: "Content-Type", value: "application/json")],
            payload: Array(("[" + statuses.joined(separator: ",") + "]").utf8))
        #expect(set.extract(input).posts.count == AdapterOutput.maxPosts)
    }

    @Test func wrongTypesGiveFewerFields() throws {
        let input = AdapterInput(
            url: "http://h.example/api/post/5", headers: [(name: "Content-Type", value: "application/json")],
            payload: Array(
                #"{"id": 5, "author": ["x"], "body": "ok", "media": [1, {"url": 2}, {"url": "/m.jpg"}], "reply_to": {}}"#
                    .utf8))
        let post = try #require(set.extract(input).posts.first)
        #expect(post.author == nil)
        #expect(post.replyTo == nil)
        #expect(post.media == [ExtractedMedia(url: "http://h.example/m.jpg")])
    }
}
