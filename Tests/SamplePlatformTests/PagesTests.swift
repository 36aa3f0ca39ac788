import Foundation
import SamplePlatform
import Testing

/// HTML pages, robots.txt, feeds and sitemaps, fetched over loopback.
@Suite struct PagesTests {
    @Test func robotsTxtAllowsPublicAndNamesTheSitemap() async throws {
        try await withSharedPlatform { port in
            let reply = try await LoopbackHTTPClient.get(port, "/robots.txt")
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type") == "text/plain; charset=utf-8")
            let lines = reply.text.split(separator: "\n").map(String.init)
            #expect(lines.contains("User-agent: *"))
            #expect(lines.contains("Allow: /"))
            #expect(lines.contains("Disallow: /admin/"))
            #expect(lines.contains("Disallow: /api/internal/"))
            #expect(lines.contains("Sitemap: http://127.0.0.1:\(port)/sitemap.xml"))
            #expect(!reply.text.lowercased().contains("crawl-delay"))
        }
    }

    @Test func homePageLinksUsersFeedsAndAdminWithRealisticHeaders() async throws {
        try await withSharedPlatform { port in
            let reply = try await LoopbackHTTPClient.get(port, "/")
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type") == "text/html; charset=utf-8")
            #expect(reply.header("Server") == SamplePlatform.serverName)
            #expect(reply.header("Date") != nil)
            #expect(reply.header("Content-Length") == String(reply.body.count))
            let base = "http://127.0.0.1:\(port)"
            for link in [
                "\(base)/users", "\(base)/feed.rss", "\(base)/feed.atom", "\(base)/sitemap.xml", "\(base)/admin/",
            ] {
                #expect(reply.text.contains("href=\"\(link)\""), "home page links \(link)")
            }
            #expect(reply.text.contains("rel=\"next\" href=\"\(base)/?page=2\""))
            let admin = try await LoopbackHTTPClient.get(port, "/admin/")
            #expect(admin.status == 403)
        }
    }

    @Test func postPageHasOpenGraphJSONLDOriginalLinkAndTranscode() async throws {
        let data = try SampleFixture()
        let post = try data.imagePost()
        let author = try #require(data.users.first { $0.handle == post.author })
        try await withSharedPlatform { port in
            let base = "http://127.0.0.1:\(port)"
            let permalink = "\(base)/@\(post.author)/posts/\(post.id)"
            let reply = try await LoopbackHTTPClient.get(port, "/@\(post.author)/posts/\(post.id)")
            #expect(reply.status == 200)
            let html = reply.text
            #expect(metaContents(html, property: "og:url") == [permalink])
            #expect(metaContents(html, property: "og:title") == ["\(author.displayName) (@\(post.author))"])
            #expect(metaContents(html, property: "article:published_time") == [post.createdAt])
            #expect(!metaContents(html, property: "og:description").isEmpty)
            let images = metaContents(html, property: "og:image")
            let firstImage = try #require(post.media.first { $0.hasSuffix(".jpg") })
            #expect(images.contains("\(base)/media/original/\(firstImage)"))
            #expect(html.contains("href=\"\(base)/media/original/\(firstImage)\""))
            #expect(html.contains("<img src=\"\(base)/media/transcoded/\(firstImage)\""))

            let ld = try #require(jsonLD(html))
            #expect(ld["@context"] as? String == "https://schema.org")
            #expect(ld["@type"] as? String == "SocialMediaPosting")
            #expect(ld["url"] as? String == permalink)
            #expect(ld["articleBody"] as? String == post.body)
            #expect(ld["datePublished"] as? String == post.createdAt)
            let person = try #require(ld["author"] as? [String: Any])
            #expect(person["name"] as? String == author.displayName)
            #expect(person["url"] as? String == "\(base)/@\(post.author)")
            let imageObjects = try #require(ld["image"] as? [[String: Any]])
            #expect(imageObjects.contains { $0["contentUrl"] as? String == "\(base)/media/original/\(firstImage)" })
        }
    }

    @Test func replyAndRepostPagesPointAtTheirTargets() async throws {
        let data = try SampleFixture()
        let reply = try #require(data.publicPosts.first { $0.replyTo != nil && $0.repostOf == nil })
        let repost = try #require(data.publicPosts.first { $0.repostOf != nil })
        try await withSharedPlatform { port in
            let base = "http://127.0.0.1:\(port)"
            let replyPage = try await LoopbackHTTPClient.get(port, "/@\(reply.author)/posts/\(reply.id)")
            let replyLD = try #require(jsonLD(replyPage.text))
            let parent = try #require(data.post(reply.replyTo ?? 0))
            let parentURL = "\(base)/@\(parent.author)/posts/\(parent.id)"
            #expect((replyLD["isPartOf"] as? [String: Any])?["url"] as? String == parentURL)
            #expect((replyLD["inReplyTo"] as? [String: Any])?["url"] as? String == parentURL)
            #expect(replyPage.text.contains("href=\"\(parentURL)\""))

            let repostPage = try await LoopbackHTTPClient.get(port, "/@\(repost.author)/posts/\(repost.id)")
            let repostLD = try #require(jsonLD(repostPage.text))
            let original = try #require(data.post(repost.repostOf ?? 0))
            let shared = try #require(repostLD["sharedContent"] as? [String: Any])
            #expect(shared["url"] as? String == "\(base)/@\(original.author)/posts/\(original.id)")
            #expect(shared["articleBody"] as? String == original.body)
        }
    }

    @Test func profilePagesListEveryPublicPostOfTheUser() async throws {
        let data = try SampleFixture()
        let counts = Dictionary(grouping: data.publicPosts, by: \.author).mapValues(\.count)
        let (handle, _) = try #require(counts.max { $0.value < $1.value })
        try await withSharedPlatform { port in
            var seen: [Int] = []
            var target: String? = "/@\(handle)"
            var pages = 0
            while let next = target, pages < 20 {
                let reply = try await LoopbackHTTPClient.get(port, next)
                #expect(reply.status == 200)
                seen += postIDs(in: reply.text)
                target = relNext(reply.text).map { $0.replacingOccurrences(of: "http://127.0.0.1:\(port)", with: "") }
                pages += 1
            }
            let expected = data.publicPosts.filter { $0.author == handle }.map(\.id)
            #expect(Set(seen) == Set(expected))
            #expect(seen == seen.sorted(by: >), "newest first")
        }
    }

    @Test func headGivesHeadersOnlyAndOddRequestsGetErrors() async throws {
        let data = try SampleFixture()
        let post = try data.imagePost()
        try await withSharedPlatform { port in
            let get = try await LoopbackHTTPClient.get(port, "/feed.rss")
            let head = try await LoopbackHTTPClient.get(port, "/feed.rss", method: "HEAD")
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(head.header("Content-Length") == String(get.body.count))
            #expect(try await LoopbackHTTPClient.get(port, "/no/such/page").status == 404)
            #expect(try await LoopbackHTTPClient.get(port, "/feed.rss", method: "POST").status == 405)
            let other = try #require(data.users.first { $0.handle != post.author })
            let moved = try await LoopbackHTTPClient.get(port, "/@\(other.handle)/posts/\(post.id)")
            #expect(moved.status == 301)
            #expect(moved.header("Location") == "http://127.0.0.1:\(port)/@\(post.author)/posts/\(post.id)")
            #expect(try await LoopbackHTTPClient.get(port, "/?page=0").status == 400)
            #expect(try await LoopbackHTTPClient.get(port, "/?page=999").status == 404)
        }
    }

    @Test func feedsAndSitemapsListPublicPostsWithEnclosures() async throws {
        let data = try SampleFixture()
        try await withSharedPlatform { port in
            let base = "http://127.0.0.1:\(port)"
            let rss = try await LoopbackHTTPClient.get(port, "/feed.rss")
            #expect(rss.header("Content-Type") == "application/rss+xml; charset=utf-8")
            #expect(rss.text.contains("<rss version=\"2.0\""))
            #expect(rss.text.components(separatedBy: "<item>").count - 1 == 50)
            let newestWithMedia = try #require(data.publicPosts.reversed().prefix(50).first { !$0.media.isEmpty })
            let mediaFile = try #require(newestWithMedia.media.first)
            let length = try SampleFixture.media(mediaFile).count
            #expect(rss.text.contains("<enclosure url=\"\(base)/media/original/\(mediaFile)\" length=\"\(length)\""))

            let atom = try await LoopbackHTTPClient.get(port, "/feed.atom")
            #expect(atom.header("Content-Type") == "application/atom+xml; charset=utf-8")
            #expect(atom.text.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"))
            #expect(atom.text.contains("rel=\"enclosure\""))

            let author = try #require(data.publicPosts.last?.author)
            let userFeed = try await LoopbackHTTPClient.get(port, "/@\(author)/feed.rss")
            #expect(userFeed.status == 200)
            #expect(userFeed.text.contains("<dc:creator>@\(author)</dc:creator>"))

            let index = try await LoopbackHTTPClient.get(port, "/sitemap.xml")
            #expect(index.text.contains("<sitemapindex"))
            #expect(index.text.contains("<loc>\(base)/sitemap-posts-1.xml</loc>"))
            let urlset = try await LoopbackHTTPClient.get(port, "/sitemap-posts-1.xml")
            let locs = urlset.text.components(separatedBy: "<loc>").dropFirst().map {
                $0.components(separatedBy: "</loc>")[0]
            }
            let expected = data.publicPosts.map { "\(base)/@\($0.author)/posts/\($0.id)" }
            #expect(locs == expected)
            #expect(try await LoopbackHTTPClient.get(port, "/sitemap-posts-2.xml").status == 404)
        }
    }
}

/// `data-post-id` values of the posts on a page, in order.
func postIDs(in html: String) -> [Int] {
    html.components(separatedBy: "<article class=\"post h-entry\" data-post-id=\"").dropFirst().compactMap {
        Int($0.prefix { $0.isNumber })
    }
}

/// The page's `<link rel="next" href="…">`.
func relNext(_ html: String) -> String? {
    guard let start = html.range(of: "<link rel=\"next\" href=\"") else { return nil }
    return String(html[start.upperBound...].prefix { $0 != "\"" })
}
