import PlatformAdapters
import Testing

@Suite struct GenericHTMLAdapterTests {
    let adapter = GenericHTMLAdapter(configuration: AdapterConfiguration(platformName: "sample"))
    let base = "http://127.0.0.1:8080"

    @Test func jsonLDSocialMediaPosting() throws {
        let input = try Fixture.input(
            "post-jsonld.html", url: base + "/@bob/posts/31", contentType: "text/html; charset=utf-8")
        #expect(adapter.matches(input))
        let output = adapter.extract(input)
        #expect(output.links.isEmpty)
        #expect(output.posts.count == 1, "JSON-LD wins over OpenGraph; the WebSite node is no post")
        let post = try #require(output.posts.first)
        #expect(post.platform == "sample")
        #expect(post.id == "31")
        #expect(post.url == base + "/@bob/posts/31")
        #expect(post.author == "bob")
        #expect(post.authorDisplayName == "Bob Example")
        #expect(post.createdAt == "2021-01-05T10:00:00+01:00")
        #expect(post.body == "Reposting this — Grüße")
        #expect(post.repostOf == "12", "a reference shaped like the post's own URL gives its last segment")
        #expect(post.replyTo == "9")
        #expect(post.latitude == 38.8899 && post.longitude == -77.0091)
        #expect(
            post.media == [
                ExtractedMedia(
                    url: base + "/media/original/p1.jpg", transcodedURL: base + "/media/transcoded/p1.jpg",
                    kind: "image"),
                ExtractedMedia(
                    url: base + "/media/original/v1.mp4", transcodedURL: base + "/media/transcoded/v1.mp4",
                    kind: "video"),
            ])
    }

    @Test func articleNeedsArticleBody() {
        let withBody = """
            <html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":["BlogPosting"],"url":"/blog/1",
             "articleBody":"Long read","headline":"Title","author":"Jane","datePublished":"2021-01-01"}]}
            </script></head></html>
            """
        let output = adapter.extract(
            Fixture.input(text: withBody, url: "https://blog.example/blog/1", contentType: "text/html"))
        #expect(
            output.posts == [
                ExtractedPost(
                    platform: "sample", id: "https://blog.example/blog/1", url: "https://blog.example/blog/1",
                    author: "Jane",
                    authorDisplayName: "Jane", createdAt: "2021-01-01", body: "Long read")
            ])
        let withoutBody = """
            <html><head><script type="application/ld+json">{"@type":"Article","headline":"Only a title"}</script></head></html>
            """
        #expect(
            adapter.extract(Fixture.input(text: withoutBody, url: "https://blog.example/2", contentType: "text/html"))
                .isEmpty)
    }

    @Test func openGraphArticle() throws {
        let input = try Fixture.input(
            "post-opengraph.html", url: "https://news.example/stories/x", contentType: "text/html")
        let post = try #require(adapter.extract(input).posts.first)
        #expect(post.id == "https://news.example/stories/2021/01/06/story.html")
        #expect(post.url == post.id)
        #expect(post.author == "Jane Reporter")
        #expect(post.createdAt == "2021-01-06T21:00:00-05:00")
        #expect(post.body == "What happened on the sixth & after.")
        #expect(
            post.media == [
                ExtractedMedia(url: "https://cdn.example/story.jpg", kind: "image"),
                ExtractedMedia(url: "https://cdn.example/story.mp4", kind: "video"),
            ])
    }

    @Test func openGraphProfileIsNoPost() throws {
        let input = try Fixture.input("profile-opengraph.html", url: base + "/@alice", contentType: "text/html")
        #expect(adapter.extract(input).isEmpty)
    }

    @Test func errorPagesGiveNothing() throws {
        let input = try Fixture.input(
            "post-jsonld.html", url: base + "/@bob/posts/31", status: 404, contentType: "text/html")
        #expect(adapter.extract(input).isEmpty)
    }

    @Test func configuredSelectorsFindPosts() throws {
        let selectors = try HTMLSelectors(
            post: "main article.post", id: "@data-post-id", author: ".author .handle", createdAt: "time.dt-published",
            body: ".e-content", media: "figure a.original@href, video@src", url: "a.permalink@href")
        let configured = GenericHTMLAdapter(
            configuration: AdapterConfiguration(platformName: "sample", htmlSelectors: selectors))
        let output = configured.extract(
            try Fixture.input("posts-selectors.html", url: base + "/", contentType: "text/html"))
        #expect(output.posts.map(\.id) == ["5", "6", base + "/#3"])
        let first = try #require(output.posts.first)
        #expect(first.author == "alice", "the quoted post's handle comes later and is not taken")
        #expect(first.createdAt == "2021-01-06T19:22:05Z")
        #expect(first.body == "Stop the count #x")
        #expect(first.url == base + "/@alice/posts/5")
        #expect(first.media == [ExtractedMedia(url: base + "/media/original/p1.jpg", kind: nil)])
        #expect(output.posts[1].body == "Second post text")
        #expect(output.posts[1].createdAt == "2021-01-06T20:00:00+01:00")
        #expect(output.posts[2].body == "no id here")
        #expect(!output.posts.contains { $0.id == "99" }, "the sidebar is outside main")
    }
}
