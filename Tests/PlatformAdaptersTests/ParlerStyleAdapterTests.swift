import PlatformAdapters
import Testing

@Suite struct ParlerStyleAdapterTests {
    let adapter = ParlerStyleAdapter()
    let base = "http://127.0.0.1:8080"

    @Test func postObjectBecomesAPost() throws {
        let input = try Fixture.input(
            "parler-post.json", url: base + "/api/post/1346889436626259968", contentType: "application/json")
        #expect(adapter.matches(input))
        let output = adapter.extract(input)
        let post = try #require(output.posts.first)
        #expect(output.posts.count == 1)
        #expect(post.platform == "127.0.0.1")
        #expect(post.id == "1346889436626259968", "64-bit ids keep every digit")
        #expect(post.author == "alice")
        #expect(post.authorDisplayName == "Alice Example")
        #expect(post.createdAt == "2021-01-06T19:22:05Z")
        #expect(post.body == "Stop the count #StopTheSteal @bob")
        #expect(post.replyTo == "42")
        #expect(post.repostOf == nil)
        #expect(post.url == base + "/@alice/posts/1346889436626259968")
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
        #expect(
            output.links == [
                base + "/media/original/p1.jpg", base + "/media/transcoded/p1.jpg", base + "/media/original/v1.mp4",
                base + "/media/transcoded/v1.mp4",
            ])
        #expect(output.deletedIDs.isEmpty)
    }

    @Test func removedMarkerAnd410GiveDeletedIDs() throws {
        let removed = try Fixture.input(
            "parler-removed.json", url: base + "/api/post/77", status: 410, contentType: "application/json")
        #expect(adapter.matches(removed))
        #expect(adapter.extract(removed) == AdapterOutput(posts: [], deletedIDs: ["77"]))

        // The marker with a 200 status, and a 410 without a usable body.
        let marker = Fixture.input(
            text: #"{"id": 78, "removed": true}"#, url: base + "/api/post/78", contentType: "application/json")
        #expect(adapter.extract(marker).deletedIDs == ["78"])
        let gone = Fixture.input(
            text: "<h1>Gone</h1>", url: base + "/api/post/79", status: 410, contentType: "text/html")
        #expect(adapter.matches(gone))
        #expect(adapter.extract(gone).deletedIDs == ["79"])
    }

    @Test func notFoundIsNothing() {
        let missing = Fixture.input(
            text: #"{"error":"not found"}"#, url: base + "/api/post/80", status: 404, contentType: "application/json")
        #expect(adapter.matches(missing))
        #expect(adapter.extract(missing).isEmpty)
    }

    @Test func userFeedPageGivesPostsAndNextLink() throws {
        let input = try Fixture.input(
            "parler-user-posts.json", url: base + "/api/user/bob/posts?page=2", contentType: "application/json",
            headers: [(name: "Link", value: "<\(base)/api/user/bob/posts?page=3>; rel=\"next\"")])
        let output = adapter.extract(input)
        #expect(output.posts.map(\.id) == ["31", "30"])
        #expect(output.posts[0].repostOf == "12")
        #expect(output.posts[0].body == "")
        #expect(output.posts[1].createdAt == "2021-01-04T08:00:00+01:00")
        #expect(
            output.posts[1].media == [
                ExtractedMedia(
                    url: base + "/media/original/dc.heic", transcodedURL: base + "/media/transcoded/dc.jpg",
                    kind: "image")
            ])
        #expect(output.links.contains(base + "/api/user/bob/posts?page=3"))
        #expect(!output.links.contains(base + "/api/user/bob/posts?page=1"))
        #expect(output.links.filter { $0.hasSuffix("page=3") }.count == 1)
    }

    @Test func userObjectLinksItsPostsButIsNoPost() {
        let user = """
            {"bio":"hi","created_at":"2020-11-02T00:00:00Z","display_name":"Bob","handle":"bob","id":2,
             "posts_count":10,"posts_url":"http://127.0.0.1:8080/api/user/bob/posts?page=1","url":"http://127.0.0.1:8080/@bob"}
            """
        let output = adapter.extract(
            Fixture.input(text: user, url: base + "/api/user/bob", contentType: "application/json"))
        #expect(output.posts.isEmpty)
        #expect(output.links == [base + "/api/user/bob/posts?page=1"])
        let suspended = Fixture.input(
            text: #"{"handle":"eve","suspended":true,"suspended_at":"2021-01-08T00:00:00Z"}"#,
            url: base + "/api/user/eve",
            status: 410, contentType: "application/json")
        #expect(adapter.extract(suspended).isEmpty)
    }

    @Test func configuredTemplatePathMatches() throws {
        let range = try IDRangeTemplate(template: "https://other.example/v2/posts/{id}.json", first: 1, last: 100)
        let templated = ParlerStyleAdapter(configuration: AdapterConfiguration(platformName: "other", idRange: range))
        let gone = Fixture.input(text: "", url: "https://other.example/v2/posts/55.json", status: 410, contentType: nil)
        #expect(templated.matches(gone))
        #expect(templated.extract(gone).deletedIDs == ["55"])
        #expect(!adapter.matches(gone))
        let post = Fixture.input(
            text: #"{"id":"56","author":"@zed","body":"hi","created_at":"2021-01-01T00:00:00Z"}"#,
            url: "https://other.example/v2/posts/56.json", contentType: "application/json")
        #expect(
            templated.extract(post).posts == [
                ExtractedPost(
                    platform: "other", id: "56", url: "https://other.example/v2/posts/56.json", author: "zed",
                    createdAt: "2021-01-01T00:00:00Z", body: "hi")
            ])
    }

    @Test func cutOffSinglePostGivesNothingButCutFeedKeepsWholePosts() throws {
        let post = try Fixture.bytes("parler-post.json")
        let cut = AdapterInput(
            url: base + "/api/post/1", headers: [(name: "Content-Type", value: "application/json")],
            payload: Array(post.prefix(120)))
        #expect(adapter.extract(cut).posts.isEmpty)
        let feed = String(decoding: try Fixture.bytes("parler-user-posts.json"), as: UTF8.self)
        let end = feed.firstRange(of: "Heading to").map(\.lowerBound) ?? feed.endIndex
        let cutFeed = Fixture.input(
            text: String(feed[..<end]), url: base + "/api/user/bob/posts?page=2", contentType: "application/json")
        #expect(adapter.extract(cutFeed).posts.map(\.id) == ["31"])
    }
}
