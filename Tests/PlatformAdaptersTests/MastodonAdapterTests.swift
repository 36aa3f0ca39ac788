import PlatformAdapters
import Testing

@Suite struct MastodonAdapterTests {
    let adapter = MastodonAdapter(configuration: AdapterConfiguration(platformName: "social"))
    let link = (
        name: "Link",
        value: "<https://social.example/api/v1/timelines/public?limit=20&max_id=109>; rel=\"next\", "
            + "<https://social.example/api/v1/timelines/public?limit=20&min_id=113>; rel=\"prev\""
    )

    var timeline: AdapterInput {
        get throws {
            try Fixture.input(
                "mastodon-timeline.json", url: "https://social.example/api/v1/timelines/public?limit=20",
                contentType: "application/json; charset=utf-8", headers: [link])
        }
    }

    @Test func matchesAPIPathsWithJSON() throws {
        #expect(adapter.matches(try timeline))
        #expect(
            !adapter.matches(
                Fixture.input(text: "<html>", url: "https://social.example/api/v1/x", contentType: "text/html")))
        #expect(
            !adapter.matches(
                Fixture.input(text: "[]", url: "https://social.example/api/v2/search", contentType: "application/json"))
        )
        #expect(adapter.matches(Fixture.input(text: " [] ", url: "https://social.example/api/v1/x", contentType: nil)))
    }

    @Test func timelinePageGivesPublicPostsReblogReplyAndMedia() throws {
        let output = adapter.extract(try timeline)
        #expect(output.posts.map(\.id) == ["109", "110", "111", "113"])
        let first = try #require(output.posts.first)
        #expect(first.platform == "social")
        #expect(first.url == "https://social.example/@alice/posts/109")
        #expect(first.author == "alice")
        #expect(first.authorDisplayName == "Alice Example")
        #expect(first.createdAt == "2021-01-06T18:04:11.000Z")
        #expect(first.body == "Crowds at the #Capitol with @bob – Grüße & more\nsecond paragraph")
        #expect(
            first.media == [
                ExtractedMedia(
                    url: "https://social.example/media/original/crowd.jpg",
                    transcodedURL: "https://social.example/media/transcoded/crowd.jpg", kind: "image"),
                ExtractedMedia(
                    url: "https://social.example/media/original/clip.mp4",
                    transcodedURL: "https://social.example/media/transcoded/clip.mp4", kind: "video"),
            ])
        #expect(first.replyTo == nil && first.repostOf == nil && !first.deleted)

        let reply = output.posts[1]
        #expect(reply.replyTo == "109")
        #expect(reply.body == "@alice stay safe")

        let reblog = output.posts[2]
        #expect(reblog.repostOf == "109")
        #expect(reblog.body == "")
        #expect(reblog.author == "carol@elsewhere.example")

        #expect(output.posts[3].body == "politics\nline one\nline two")
        #expect(!output.posts.contains { $0.id == "112" }, "private statuses are not archived")
    }

    @Test func linksAreNextPageAccountsAndMedia() throws {
        let links = adapter.extract(try timeline).links
        #expect(links.contains("https://social.example/api/v1/timelines/public?limit=20&max_id=109"))
        #expect(!links.contains("https://social.example/api/v1/timelines/public?limit=20&min_id=113"))
        for account in ["1", "2", "3"] {
            #expect(links.contains("https://social.example/api/v1/accounts/\(account)/statuses"))
        }
        #expect(!links.contains("https://social.example/api/v1/accounts/4/statuses"), "private status's account")
        #expect(links.contains("https://social.example/media/original/crowd.jpg"))
        #expect(links.contains("https://social.example/media/transcoded/clip.mp4"))
        #expect(!links.contains("https://social.example/media/original/secret.jpg"))
        #expect(Set(links).count == links.count)
    }

    @Test func singleStatusAndAccount() throws {
        let status = """
            {"id":"5","created_at":"2021-01-04T00:18:28.000Z","visibility":"public","url":"https://s.example/@a/posts/5",
             "content":"<p>hello</p>","account":{"id":"9","acct":"a","display_name":"A"},"media_attachments":[]}
            """
        let output = adapter.extract(
            Fixture.input(text: status, url: "https://s.example/api/v1/statuses/5", contentType: "application/json"))
        #expect(output.posts.map(\.body) == ["hello"])
        #expect(output.links == ["https://s.example/api/v1/accounts/9/statuses"])

        let account = adapter.extract(
            try Fixture.input(
                "mastodon-account.json", url: "https://social.example/api/v1/accounts/1",
                contentType: "application/json"))
        #expect(account.posts.isEmpty)
        #expect(account.links == ["https://social.example/api/v1/accounts/1/statuses"])
    }

    @Test func errorsAndOtherShapesGiveNothing() {
        let notFound = Fixture.input(
            text: #"{"error":"Record not found"}"#, url: "https://s.example/api/v1/statuses/404", status: 404,
            contentType: "application/json")
        #expect(adapter.extract(notFound).isEmpty)
        let instance = Fixture.input(
            text: #"{"uri":"s.example","title":"S","stats":{"user_count":3}}"#,
            url: "https://s.example/api/v1/instance",
            contentType: "application/json")
        #expect(adapter.extract(instance).isEmpty)
    }

    @Test func cutOffTimelineKeepsWholeStatuses() throws {
        let text = String(decoding: try Fixture.bytes("mastodon-timeline.json"), as: UTF8.self)
        // Cut inside the third status.
        let end = try #require(text.firstRange(of: #""content": "","#)).upperBound
        let cut = Fixture.input(
            text: String(text[..<end]), url: "https://social.example/api/v1/timelines/public",
            contentType: "application/json")
        let output = adapter.extract(cut)
        #expect(output.posts.map(\.id) == ["109", "110"])
    }
}
