import Testing

@testable import SamplePlatform

/// The pure parts: routes, Range headers, dates, HTML text.
@Suite struct UnitTests {
    @Test(arguments: [
        ("/", Route.home),
        ("/robots.txt", .robots),
        ("/@anna", .profile(handle: "anna")),
        ("/@anna/posts/12", .postPage(handle: "anna", id: 12)),
        ("/@anna/posts/012", .notFound),
        ("/@anna/posts/-1", .notFound),
        ("/@anna/feed.rss", .userRSS(handle: "anna")),
        ("/tags/München", .tag("München")),
        ("/api/post/7", .apiPost(id: 7)),
        ("/api/user/anna/posts", .apiUserPosts(handle: "anna")),
        ("/api/v1/timelines/public", .mastodonPublicTimeline),
        ("/api/v1/accounts/3/statuses", .mastodonAccountStatuses(id: 3)),
        ("/api/v1/accounts/lookup", .mastodonAccountLookup),
        ("/media/original/a.jpg", .originalMedia(name: "a.jpg")),
        ("/media/transcoded/a.jpg", .transcodedMedia(name: "a.jpg")),
        ("/sitemap-posts-2.xml", .sitemapPosts(2)),
        ("/admin/users", .admin),
        ("/api/internal/stats", .internalAPI),
        ("/api/posts", .notFound),
    ])
    func routes(path: String, route: Route) {
        #expect(Route(path: path) == route)
    }

    @Test func rangeHeaders() {
        #expect(ByteRange(header: nil, length: 10) == .ignored)
        #expect(ByteRange(header: "bytes=0-3", length: 10) == .satisfiable(lower: 0, upper: 3))
        #expect(ByteRange(header: "bytes=4-", length: 10) == .satisfiable(lower: 4, upper: 9))
        #expect(ByteRange(header: "bytes=-3", length: 10) == .satisfiable(lower: 7, upper: 9))
        #expect(ByteRange(header: "bytes=-30", length: 10) == .satisfiable(lower: 0, upper: 9))
        #expect(ByteRange(header: "bytes=5-100", length: 10) == .satisfiable(lower: 5, upper: 9))
        #expect(ByteRange(header: "bytes=10-", length: 10) == .unsatisfiable)
        #expect(ByteRange(header: "bytes=-0", length: 10) == .unsatisfiable)
        #expect(ByteRange(header: "bytes=0-", length: 0) == .unsatisfiable)
        #expect(ByteRange(header: "bytes=5-2", length: 10) == .ignored)
        #expect(ByteRange(header: "bytes=0-1,4-5", length: 10) == .ignored)
        #expect(ByteRange(header: "items=0-1", length: 10) == .ignored)
        #expect(ByteRange(header: "bytes=x-", length: 10) == .ignored)
    }

    @Test func timestampFormats() throws {
        let time = try #require(Timestamp(iso8601: "2021-01-04T00:18:28Z"))
        #expect(time.http == "Mon, 04 Jan 2021 00:18:28 GMT")
        #expect(time.rss == "Mon, 04 Jan 2021 00:18:28 +0000")
        #expect(time.mastodon == "2021-01-04T00:18:28.000Z")
        #expect(time.secondsSinceEpoch == 1_609_719_508)
        #expect(Timestamp(iso8601: "2021-01-08T23:59:59Z")?.http.hasPrefix("Fri, 08 Jan") == true)
        #expect(Timestamp(iso8601: "2021-13-01T00:00:00Z") == nil)
        #expect(Timestamp(iso8601: "2021-01-04 00:18:28") == nil)
    }

    @Test func contentLinksTagsAndKnownMentionsAndEscapes() {
        let urls = SiteURLs(base: "http://h")
        let html = HTML.content("@anna <b>&</b> #München @ghost", urls: urls) { $0 == "anna" }
        #expect(
            html
                == "<p><span class=\"h-card\"><a href=\"http://h/@anna\" class=\"u-url mention\">@<span>anna</span></a></span> "
                + "&lt;b&gt;&amp;&lt;/b&gt; <a href=\"http://h/tags/M%C3%BCnchen\" class=\"mention hashtag\" rel=\"tag\">#<span>München</span></a> @ghost</p>"
        )
        #expect(PlatformRequest(method: "GET", target: "/tags/M%C3%BCnchen?page=2&x=a+b").path == "/tags/München")
        #expect(PlatformRequest(method: "GET", target: "/?page=2&x=a+b").query == ["page": "2", "x": "a b"])
    }
}
