import Foundation
import SamplePlatform
import Testing

/// The Parler-style API and the Mastodon-compatible API: shapes, pagination, private posts.
@Suite struct APITests {
    @Test func parlerPostHasTheDocumentedShape() async throws {
        let data = try SampleFixture()
        let post = try data.imagePost()
        try await withSharedPlatform { port in
            let base = "http://127.0.0.1:\(port)"
            let reply = try await LoopbackHTTPClient.get(port, "/api/post/\(post.id)")
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type") == "application/json; charset=utf-8")
            let json = try #require(reply.object)
            #expect(json["id"] as? Int == post.id)
            #expect(json["author"] as? String == post.author)
            #expect(json["created_at"] as? String == post.createdAt)
            #expect(json["body"] as? String == post.body)
            #expect(json["reply_to"] is NSNull)
            #expect(json["repost_of"] is NSNull)
            #expect(json["edited_at"] is NSNull)
            #expect(json["url"] as? String == "\(base)/@\(post.author)/posts/\(post.id)")
            let media = try #require(json["media"] as? [[String: Any]])
            #expect(media.count == post.media.count)
            let first = try #require(media.first)
            #expect(first["url"] as? String == "\(base)/media/original/\(post.media[0])")
            #expect(first["transcoded_url"] as? String == "\(base)/media/transcoded/\(post.media[0])")
            #expect(first["type"] as? String == "image")
        }
    }

    @Test func unknownAndPrivateIDsAre404Everywhere() async throws {
        let data = try SampleFixture()
        let ids = Set(data.posts.map(\.id))
        let maxID = try #require(ids.max())
        let gap = (1..<maxID).first { !ids.contains($0) }
        let privatePost = try #require(data.privatePosts.first)
        try await withSharedPlatform { port in
            var unknown = [maxID + 1, 0]
            if let gap { unknown.append(gap) }
            for id in unknown {
                #expect(try await LoopbackHTTPClient.get(port, "/api/post/\(id)").status == 404, "id \(id)")
                #expect(try await LoopbackHTTPClient.get(port, "/api/v1/statuses/\(id)").status == 404, "id \(id)")
            }
            for post in data.privatePosts {
                #expect(try await LoopbackHTTPClient.get(port, "/api/post/\(post.id)").status == 404)
                #expect(try await LoopbackHTTPClient.get(port, "/api/v1/statuses/\(post.id)").status == 404)
                #expect(try await LoopbackHTTPClient.get(port, "/@\(post.author)/posts/\(post.id)").status == 404)
            }
            // Nor listed anywhere: profile, feeds, sitemap, APIs.
            let privateURL = "/@\(privatePost.author)/posts/\(privatePost.id)\""
            for target in [
                "/@\(privatePost.author)", "/feed.rss", "/feed.atom", "/@\(privatePost.author)/feed.rss",
                "/sitemap-posts-1.xml",
            ] {
                let page = try await LoopbackHTTPClient.get(port, target)
                #expect(!page.text.contains(privateURL), "\(target) lists a private post")
            }
            let userPosts = try await LoopbackHTTPClient.get(port, "/api/user/\(privatePost.author)/posts?page=1")
            let listed = (userPosts.object?["posts"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
            #expect(!listed.contains(privatePost.id))
        }
    }

    @Test func parlerUserPostsPaginateTwentyAPageWithNextLinks() async throws {
        let data = try SampleFixture()
        let counts = Dictionary(grouping: data.publicPosts, by: \.author).mapValues(\.count)
        let (handle, count) = try #require(counts.max { $0.value < $1.value })
        try await withSharedPlatform { port in
            var target: String? = "/api/user/\(handle)/posts?page=1"
            var ids: [Int] = []
            var pages = 0
            while let next = target, pages < 20 {
                let reply = try await LoopbackHTTPClient.get(port, next)
                let json = try #require(reply.object)
                #expect(json["per_page"] as? Int == 20)
                #expect(json["total"] as? Int == count)
                let posts = try #require(json["posts"] as? [[String: Any]])
                #expect(posts.count <= 20)
                ids += posts.compactMap { $0["id"] as? Int }
                target = (json["next"] as? String)?.replacingOccurrences(of: "http://127.0.0.1:\(port)", with: "")
                pages += 1
            }
            #expect(pages == (count + 19) / 20)
            #expect(ids == data.publicPosts.filter { $0.author == handle }.map(\.id).reversed())
            #expect(try await LoopbackHTTPClient.get(port, "/api/user/nobody_here/posts").status == 404)
        }
    }

    @Test func mastodonPublicTimelinePaginatesWithLinkHeaders() async throws {
        let data = try SampleFixture()
        try await withSharedPlatform { port in
            let base = "http://127.0.0.1:\(port)"
            let first = try await LoopbackHTTPClient.get(port, "/api/v1/timelines/public?limit=5")
            let statuses = try #require(first.objects)
            #expect(statuses.count == 5)
            let ids = statuses.compactMap { ($0["id"] as? String).flatMap { Int($0) } }
            let newest = data.publicPosts.map(\.id).sorted(by: >)
            #expect(ids == Array(newest.prefix(5)))
            let link = try #require(first.header("Link"))
            #expect(
                link == "<\(base)/api/v1/timelines/public?limit=5&max_id=\(ids[4])>; rel=\"next\", "
                    + "<\(base)/api/v1/timelines/public?limit=5&min_id=\(ids[0])>; rel=\"prev\"")

            // Walk the whole timeline through rel="next": every public post once, no private one.
            var seen: [Int] = []
            var target: String? = "/api/v1/timelines/public?limit=40"
            var pages = 0
            while let next = target, pages < 50 {
                let reply = try await LoopbackHTTPClient.get(port, next)
                let page = try #require(reply.objects)
                if page.isEmpty { break }
                seen += page.compactMap { ($0["id"] as? String).flatMap { Int($0) } }
                target = nextLink(reply.header("Link"))?.replacingOccurrences(of: base, with: "")
                pages += 1
            }
            #expect(seen == newest)

            // min_id pages forward from an old post; since_id gives the newest above it.
            let pivot = newest[100]
            let forward = try #require(
                try await LoopbackHTTPClient.get(port, "/api/v1/timelines/public?limit=3&min_id=\(pivot)").objects)
            #expect(forward.compactMap { $0["id"] as? String } == newest[97..<100].map(String.init))
            let since = try #require(
                try await LoopbackHTTPClient.get(port, "/api/v1/timelines/public?limit=3&since_id=\(pivot)").objects)
            #expect(since.compactMap { $0["id"] as? String } == newest[0..<3].map(String.init))
        }
    }

    @Test func mastodonStatusAccountAndAttachmentShapes() async throws {
        let data = try SampleFixture()
        let post = try data.imagePost()
        let user = try #require(data.users.first { $0.handle == post.author })
        try await withSharedPlatform { port in
            let base = "http://127.0.0.1:\(port)"
            let status = try #require(try await LoopbackHTTPClient.get(port, "/api/v1/statuses/\(post.id)").object)
            #expect(status["id"] as? String == String(post.id))
            #expect(status["created_at"] as? String == post.createdAt.replacingOccurrences(of: "Z", with: ".000Z"))
            #expect(status["url"] as? String == "\(base)/@\(post.author)/posts/\(post.id)")
            #expect(status["visibility"] as? String == "public")
            #expect(status["in_reply_to_id"] is NSNull)
            #expect(status["reblog"] is NSNull)
            #expect((status["content"] as? String)?.hasPrefix("<p>") == true)
            let account = try #require(status["account"] as? [String: Any])
            #expect(account["id"] as? String == String(user.id))
            #expect(account["username"] as? String == user.handle)
            #expect(account["acct"] as? String == user.handle)
            #expect(account["display_name"] as? String == user.displayName)
            #expect(account["url"] as? String == "\(base)/@\(user.handle)")
            let attachments = try #require(status["media_attachments"] as? [[String: Any]])
            let attachment = try #require(attachments.first)
            #expect(attachment["type"] as? String == "image")
            #expect(attachment["url"] as? String == "\(base)/media/original/\(post.media[0])")
            #expect(attachment["preview_url"] as? String == "\(base)/media/transcoded/\(post.media[0])")
            #expect(attachment["meta"] is [String: Any])
            let tags = try #require(status["tags"] as? [[String: Any]])
            #expect(tags.count == post.hashtags.count)

            let accountReply = try #require(
                try await LoopbackHTTPClient.get(port, "/api/v1/accounts/\(user.id)").object)
            #expect(accountReply["username"] as? String == user.handle)
            let userPosts = data.publicPosts.filter { $0.author == user.handle }
            #expect(accountReply["statuses_count"] as? Int == userPosts.count)
            let lookup = try #require(
                try await LoopbackHTTPClient.get(port, "/api/v1/accounts/lookup?acct=\(user.handle)").object)
            #expect(lookup["id"] as? String == String(user.id))

            let list = try await LoopbackHTTPClient.get(port, "/api/v1/accounts/\(user.id)/statuses?limit=2")
            let listed = try #require(list.objects)
            #expect(
                listed.compactMap { $0["id"] as? String } == userPosts.map(\.id).reversed().prefix(2).map(String.init))
            if userPosts.count > 2 { #expect(nextLink(list.header("Link")) != nil) }

            let repost = try #require(data.publicPosts.first { $0.repostOf != nil })
            let boosted = try #require(try await LoopbackHTTPClient.get(port, "/api/v1/statuses/\(repost.id)").object)
            let inner = try #require(boosted["reblog"] as? [String: Any])
            #expect(inner["id"] as? String == String(repost.repostOf ?? 0))
            let reply = try #require(data.publicPosts.first { $0.replyTo != nil })
            let replyStatus = try #require(
                try await LoopbackHTTPClient.get(port, "/api/v1/statuses/\(reply.id)").object)
            #expect(replyStatus["in_reply_to_id"] as? String == String(reply.replyTo ?? 0))
        }
    }
}

/// The `rel="next"` URL of a Link header.
func nextLink(_ header: String?) -> String? {
    guard let header else { return nil }
    for part in header.components(separatedBy: ",") where part.contains("rel=\"next\"") {
        guard let open = part.firstIndex(of: "<"), let close = part.firstIndex(of: ">") else { continue }
        return String(part[part.index(after: open)..<close])
    }
    return nil
}
