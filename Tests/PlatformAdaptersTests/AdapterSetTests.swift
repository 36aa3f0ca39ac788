import PlatformAdapters
import Testing

@Suite struct AdapterSetTests {
    let set = AdapterSet.standard(configuration: AdapterConfiguration(platformName: "sample"))
    let base = "http://127.0.0.1:8080"

    @Test func eachShapeGoesToItsAdapter() throws {
        let cases: [(AdapterInput, String?)] = [
            (
                try Fixture.input("parler-post.json", url: base + "/api/post/1", contentType: "application/json"),
                "parler-style"
            ),
            (Fixture.input(text: "", url: base + "/api/post/2", status: 410, contentType: nil), "parler-style"),
            (
                try Fixture.input(
                    "mastodon-timeline.json", url: base + "/api/v1/timelines/public", contentType: "application/json"),
                "mastodon"
            ),
            (try Fixture.input("feed.rss", url: base + "/feed.rss", contentType: "application/rss+xml"), "feed"),
            (try Fixture.input("feed.atom", url: base + "/feed.atom", contentType: "application/xml"), "feed"),
            (try Fixture.input("post-jsonld.html", url: base + "/@bob/posts/31", contentType: "text/html"), "html"),
            (Fixture.input(text: "<urlset/>", url: base + "/sitemap.xml", contentType: "application/xml"), nil),
            (Fixture.input(text: "\u{FF}\u{D8}", url: base + "/media/original/a.jpg", contentType: "image/jpeg"), nil),
            (Fixture.input(text: "{}", url: base + "/api/internal/stats", contentType: "application/json"), nil),
        ]
        for (input, expected) in cases {
            #expect(set.adapter(for: input)?.name == expected, "\(input.url)")
        }
    }

    @Test func configuredTemplateComesBeforeMastodon() throws {
        // A template under /api/v1/ wins over the Mastodon adapter, because it is tried first.
        let range = try IDRangeTemplate(template: "http://h.example/api/v1/posts/{id}", first: 1, last: 5)
        let configured = AdapterSet.standard(configuration: AdapterConfiguration(idRange: range))
        let input = Fixture.input(
            text: #"{"id":3,"author":"a","body":"x"}"#, url: "http://h.example/api/v1/posts/3",
            contentType: "application/json")
        #expect(configured.adapter(for: input)?.name == "parler-style")
        #expect(configured.extract(input).posts.map(\.id) == ["3"])
        #expect(configured.extract(input).posts.first?.platform == "h.example", "the host when no name is configured")
    }

    @Test func firstMatchWinsAndNoMatchIsEmpty() {
        struct Fixed: PlatformAdapter {
            let name: String
            let id: String
            var completeness: PostCompleteness { .complete }
            func matches(_ input: AdapterInput) -> Bool { true }
            func extract(_ input: AdapterInput) -> AdapterOutput {
                AdapterOutput(posts: [ExtractedPost(platform: "t", id: id, body: "")])
            }
        }
        let custom = AdapterSet(adapters: [Fixed(name: "a", id: "1"), Fixed(name: "b", id: "2")])
        let input = AdapterInput(url: "http://x/", payload: [])
        #expect(custom.extract(input).posts.map(\.id) == ["1"])
        #expect(AdapterSet(adapters: []).extract(input).isEmpty)
    }

    /// The ranking PostStore keeps posts by: APIs over pages over feeds, one entry per adapter.
    @Test func everyStandardAdapterDeclaresItsCompleteness() {
        #expect(
            AdapterSet.completenessByName == [
                "parler-style": .complete, "mastodon": .complete, "feed": .summary, "html": .page,
            ])
        #expect(Set(AdapterSet.completenessByName.keys) == Set(AdapterSet.standardNames))
        #expect(PostCompleteness.summary < .page && PostCompleteness.page < .complete)
    }

    @Test func outputDropsDuplicates() {
        let post = ExtractedPost(platform: "t", id: "1", body: "a")
        let output = AdapterOutput(
            posts: [
                post, ExtractedPost(platform: "t", id: "1", body: "b"), ExtractedPost(platform: "t", id: "", body: ""),
            ],
            links: ["http://a/", "http://a/", ""], deletedIDs: ["9", "9"])
        #expect(output.posts == [post])
        #expect(output.links == ["http://a/"])
        #expect(output.deletedIDs == ["9"])
    }

    @Test func headersAreCaseInsensitive() {
        let input = AdapterInput(
            url: "http://x/",
            headers: [
                (name: "content-TYPE", value: "Application/JSON; charset=utf-8"), (name: "link", value: "a"),
                (name: "LINK", value: "b"),
            ],
            payload: [])
        #expect(input.contentType == "application/json")
        #expect(input.header("Content-Type") == "Application/JSON; charset=utf-8")
        #expect(input.headerValues("Link") == ["a", "b"])
    }
}
