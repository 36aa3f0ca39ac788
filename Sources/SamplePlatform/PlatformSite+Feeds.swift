/// RSS 2.0 and Atom feeds of recent posts (with `<enclosure>`s for media), and the sitemaps
/// (`/sitemap.xml` index → `/sitemap-posts-N.xml` and `/sitemap-users-N.xml` url sets).
extension PlatformSite {
    func rssFeed(posts: [VisiblePost], title: String, link: String, selfURL: String) -> PlatformResponse {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel>
            <title>\(HTML.escape(title))</title>
            <link>\(HTML.escape(link))</link>
            <description>Recent public posts on \(Self.siteName)</description>
            <language>en</language>
            <atom:link href="\(HTML.escape(selfURL))" rel="self" type="application/rss+xml"/>

            """
        if let newest = posts.first?.createdAt { xml += "<lastBuildDate>\(newest.rss)</lastBuildDate>\n" }
        for post in posts {
            let permalink = urls.post(post.author.handle, post.id)
            xml += "<item>\n<title>\(HTML.escape(feedTitle(post)))</title>\n<link>\(permalink)</link>\n"
            xml += "<guid isPermaLink=\"true\">\(permalink)</guid>\n"
            xml += "<dc:creator>@\(HTML.escape(post.author.handle))</dc:creator>\n"
            xml += "<pubDate>\(post.createdAt?.rss ?? post.post.createdAt)</pubDate>\n"
            xml += "<description>\(HTML.escape(contentHTML(post)))</description>\n"
            for tag in post.hashtags { xml += "<category>\(HTML.escape(tag))</category>\n" }
            for file in post.post.media.compactMap({ catalog.media[$0] }) {
                xml +=
                    "<enclosure url=\"\(urls.original(file.name))\" length=\"\(file.original.count)\" type=\"\(file.entry.mimeType)\"/>\n"
            }
            xml += "</item>\n"
        }
        xml += "</channel>\n</rss>\n"
        return .xml(xml, contentType: "application/rss+xml")
    }

    func userRSS(_ handle: String) -> PlatformResponse {
        switch view.account(handle: handle) {
        case .missing: return notFoundPage()
        case .suspended(_, let at): return suspendedPage(handle: handle, at: at)
        case .active(let user):
            let posts = Array((view.postsByAuthor[handle] ?? []).prefix(Self.feedSize))
            return rssFeed(
                posts: posts, title: "\(user.displayName) (@\(handle))", link: urls.profile(handle),
                selfURL: urls.userRSS(handle))
        }
    }

    func atomFeed() -> PlatformResponse {
        let posts = view.timeline.prefix(Self.feedSize)
        let updated = posts.map(\.modifiedAt).max() ?? "2021-01-04T00:00:00Z"
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <id>\(urls.atom)</id>
            <title>\(Self.siteName)</title>
            <subtitle>Recent public posts</subtitle>
            <updated>\(updated)</updated>
            <link rel="self" type="application/atom+xml" href="\(urls.atom)"/>
            <link rel="alternate" type="text/html" href="\(urls.home)"/>

            """
        for post in posts {
            let permalink = urls.post(post.author.handle, post.id)
            xml += "<entry>\n<id>\(permalink)</id>\n<title>\(HTML.escape(feedTitle(post)))</title>\n"
            xml += "<link rel=\"alternate\" type=\"text/html\" href=\"\(permalink)\"/>\n"
            xml += "<published>\(post.post.createdAt)</published>\n<updated>\(post.modifiedAt)</updated>\n"
            xml +=
                "<author><name>\(HTML.escape(post.author.displayName))</name><uri>\(urls.profile(post.author.handle))</uri></author>\n"
            xml += "<content type=\"html\">\(HTML.escape(contentHTML(post)))</content>\n"
            for tag in post.hashtags { xml += "<category term=\"\(HTML.escape(tag))\"/>\n" }
            for file in post.post.media.compactMap({ catalog.media[$0] }) {
                xml +=
                    "<link rel=\"enclosure\" type=\"\(file.entry.mimeType)\" length=\"\(file.original.count)\" href=\"\(urls.original(file.name))\"/>\n"
            }
            xml += "</entry>\n"
        }
        xml += "</feed>\n"
        return .xml(xml, contentType: "application/atom+xml")
    }

    func feedTitle(_ post: VisiblePost) -> String {
        let text = post.body.isEmpty ? "reposted" : JSONLD.headline(post.body, fallback: "")
        return "@\(post.author.handle): \(text)"
    }

    // MARK: Sitemaps

    func sitemapIndex() -> PlatformResponse {
        let postFiles = Self.pageCount(view.timeline.count, size: Self.sitemapSize)
        let userFiles = Self.pageCount(view.activeUsers.count, size: Self.sitemapSize)
        let lastmod = view.timeline.map(\.modifiedAt).max() ?? "2021-01-04T00:00:00Z"
        var xml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for number in 1...postFiles {
            xml += "<sitemap><loc>\(urls.sitemapPosts(number))</loc><lastmod>\(lastmod)</lastmod></sitemap>\n"
        }
        for number in 1...userFiles {
            xml += "<sitemap><loc>\(urls.sitemapUsers(number))</loc><lastmod>\(lastmod)</lastmod></sitemap>\n"
        }
        xml += "</sitemapindex>\n"
        return .xml(xml, contentType: "application/xml")
    }

    /// Post pages, oldest first so that a file's contents stay put as posts are added.
    func sitemapPosts(_ number: Int) -> PlatformResponse {
        let oldestFirst = Array(view.timeline.reversed())
        guard let posts = Self.page(oldestFirst, number: number, size: Self.sitemapSize) else { return notFoundPage() }
        var xml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for post in posts {
            xml +=
                "<url><loc>\(urls.post(post.author.handle, post.id))</loc><lastmod>\(post.modifiedAt)</lastmod></url>\n"
        }
        xml += "</urlset>\n"
        return .xml(xml, contentType: "application/xml")
    }

    func sitemapUsers(_ number: Int) -> PlatformResponse {
        guard let users = Self.page(view.activeUsers, number: number, size: Self.sitemapSize) else {
            return notFoundPage()
        }
        var xml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for user in users {
            let lastmod = view.latestPost(of: user.handle)?.post.createdAt ?? user.createdAt
            xml += "<url><loc>\(urls.profile(user.handle))</loc><lastmod>\(lastmod)</lastmod></url>\n"
        }
        xml += "</urlset>\n"
        return .xml(xml, contentType: "application/xml")
    }
}
