import PlatformAdapters
import Testing

@Suite struct FeedAdapterTests {
    let adapter = FeedAdapter(configuration: AdapterConfiguration(platformName: "sample"))
    let base = "http://127.0.0.1:8080"

    @Test func rssItemsBecomePosts() throws {
        let input = try Fixture.input("feed.rss", url: base + "/feed.rss", contentType: "application/rss+xml")
        #expect(adapter.matches(input))
        let output = adapter.extract(input)
        #expect(output.posts.count == 4, "the item with neither guid nor link is skipped")
        let first = try #require(output.posts.first)
        #expect(first.id == base + "/@alice/posts/5")
        #expect(first.url == base + "/@alice/posts/5")
        #expect(first.author == "alice")
        #expect(first.authorDisplayName == nil)
        #expect(first.createdAt == "2021-01-06T19:22:05+00:00")
        #expect(first.body == "Stop the count #StopTheSteal Grüße & more")
        #expect(first.latitude == 38.8899 && first.longitude == -77.0091)
        #expect(
            first.media == [
                ExtractedMedia(url: base + "/media/original/p1.jpg", kind: "image"),
                ExtractedMedia(url: base + "/media/original/v1.mp4", kind: "video"),
            ])

        let second = output.posts[1]
        #expect(second.id == "tag:sample,2021:6")
        #expect(second.url == base + "/@bob/posts/6")
        #expect(second.author == "bob@example.com")
        #expect(second.authorDisplayName == "Bob Example")
        #expect(second.createdAt == "2021-01-05T08:00:00-05:00")
        #expect(second.body == "Heading to DC & back", "content:encoded wins over description")

        #expect(output.posts[2].id == "t-1")
        #expect(output.posts[2].url == nil)
        #expect(output.posts[2].body == "Title & nothing else", "a title-only item is known by its title")
        #expect(output.posts[3].url == base + "/@carol/posts/8", "a guid is a permalink unless it says otherwise")
        #expect(output.posts[3].body == "", "an empty description stays empty")

        #expect(
            output.links == [
                base + "/feed.rss?page=2", base + "/media/original/p1.jpg", base + "/media/original/v1.mp4",
                base + "/@alice/posts/5", base + "/@bob/posts/6", base + "/@carol/posts/8",
            ])
    }

    @Test func atomEntriesBecomePosts() throws {
        let input = try Fixture.input("feed.atom", url: base + "/feed.atom", contentType: "application/atom+xml")
        let output = adapter.extract(input)
        #expect(
            output.posts.map(\.id) == [base + "/@alice/posts/5", "tag:sample,2021:post-7"],
            "the cut-off entry is dropped")
        let first = try #require(output.posts.first)
        #expect(first.author == "alice")
        #expect(first.authorDisplayName == "Alice Example")
        #expect(first.createdAt == "2021-01-06T19:22:05Z")
        #expect(first.body == "Stop the count #StopTheSteal")
        #expect(first.media == [ExtractedMedia(url: base + "/media/original/p1.jpg", kind: "image")])
        let reply = output.posts[1]
        #expect(reply.url == base + "/@bob/posts/7")
        #expect(reply.author == "Bob")
        #expect(reply.createdAt == "2021-01-06T20:00:00-05:00", "updated when there is no published")
        #expect(reply.replyTo == base + "/@alice/posts/5")
        #expect(reply.body == "plain <text> stays")
        #expect(output.links.first == base + "/feed.atom?page=2")
    }

    @Test func matchesBySniffingXML() {
        let rss = Fixture.input(
            text: "\n<?xml version=\"1.0\"?>\n<!-- hi --><rss version=\"2.0\"></rss>", url: base + "/x",
            contentType: "text/xml")
        #expect(adapter.matches(rss))
        let untyped = Fixture.input(
            text: "<feed xmlns=\"http://www.w3.org/2005/Atom\"/>", url: base + "/x", contentType: nil)
        #expect(adapter.matches(untyped))
        let sitemap = Fixture.input(
            text: "<?xml version=\"1.0\"?><urlset></urlset>", url: base + "/sitemap.xml", contentType: "application/xml"
        )
        #expect(!adapter.matches(sitemap))
        let html = Fixture.input(text: "<rss>", url: base + "/x", contentType: "text/html")
        #expect(!adapter.matches(html))
    }

    @Test(arguments: [
        ("Mon, 04 Jan 2021 00:18:28 +0000", "2021-01-04T00:18:28+00:00"),
        ("04 Jan 2021 00:18:28 GMT", "2021-01-04T00:18:28Z"),
        ("Tue, 5 Jan 21 08:00 EST", "2021-01-05T08:00:00-05:00"),
        ("Sat, 30 Dec 1995 23:59:60 -0130", "1995-12-30T23:59:60-01:30"),
        ("Thu, 29 Feb 2024 12:00:00 PDT", "2024-02-29T12:00:00-07:00"),
        ("Wed, 04 Jan 2021 00:18:28 -0000", "2021-01-04T00:18:28Z"),
    ])
    func rfc822Dates(text: String, expected: String) {
        #expect(RFC822Date.iso8601(from: text) == expected)
    }

    @Test(arguments: [
        "", "yesterday", "Mon, 31 Feb 2021 00:00:00 +0000", "04 Foo 2021 00:00 GMT", "04 Jan 2021 25:00 GMT",
        "04 Jan 2021 10:00 +99999", "04 Jan -5 10:00 GMT", "2021-01-04T00:00:00Z",
    ])
    func badRFC822Dates(text: String) {
        #expect(RFC822Date.iso8601(from: text) == nil)
    }
}
