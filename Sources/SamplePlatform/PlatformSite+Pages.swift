/// The HTML pages: home timeline, profiles, post pages (OpenGraph + JSON-LD), tags, the user
/// directory, and the admin page robots.txt keeps crawlers out of.
extension PlatformSite {
    func homePage(_ request: PlatformRequest) -> PlatformResponse {
        guard let number = request.positiveInteger("page", fallback: 1) else {
            return badRequestPage("page must be a positive integer")
        }
        guard let posts = Self.page(view.timeline, number: number, size: Self.homePageSize) else {
            return notFoundPage()
        }
        let pages = Self.pageCount(view.timeline.count, size: Self.homePageSize)
        let body = """
            <section class="intro">
            <h1>\(Self.siteName)</h1>
            <p>A small public social platform from January 2021, served on loopback for the vestige archiver. \
            \(view.timeline.count) public posts by \(view.activeUsers.count) accounts.</p>
            <ul class="directory">
            <li><a href="\(urls.users())">All accounts</a></li>
            <li><a href="\(urls.rss)" type="application/rss+xml">RSS feed</a></li>
            <li><a href="\(urls.atom)" type="application/atom+xml">Atom feed</a></li>
            <li><a href="\(urls.sitemapIndex)">Sitemap</a></li>
            <li><a href="\(urls.mastodonPublicTimeline)">Mastodon API: public timeline</a></li>
            </ul>
            </section>
            <h2>Recent posts</h2>
            \(posts.map(postSummary).joined(separator: "\n"))
            \(pager(number: number, pages: pages) { urls.home(page: $0) })
            """
        return page(
            title: number == 1 ? Self.siteName : "\(Self.siteName) – page \(number)",
            canonical: urls.home(page: number),
            extraHead: feedLinks() + pagerLinks(number: number, pages: pages) { urls.home(page: $0) }, body: body)
    }

    func usersPage(_ request: PlatformRequest) -> PlatformResponse {
        guard let number = request.positiveInteger("page", fallback: 1) else {
            return badRequestPage("page must be a positive integer")
        }
        guard let users = Self.page(view.activeUsers, number: number, size: Self.usersPageSize) else {
            return notFoundPage()
        }
        let pages = Self.pageCount(view.activeUsers.count, size: Self.usersPageSize)
        let items = users.map { user in
            let count = view.postsByAuthor[user.handle]?.count ?? 0
            return "<li class=\"h-card\"><a class=\"u-url p-name\" href=\"\(urls.profile(user.handle))\">"
                + "\(HTML.escape(user.displayName))</a> <span class=\"handle\">@\(HTML.escape(user.handle))</span> "
                + "<span class=\"count\">\(count) posts</span></li>"
        }
        let body = """
            <h1>Accounts</h1>
            <ul class="accounts">
            \(items.joined(separator: "\n"))
            </ul>
            \(pager(number: number, pages: pages) { urls.users(page: $0) })
            """
        return page(
            title: "Accounts – \(Self.siteName)", canonical: urls.users(page: number),
            extraHead: pagerLinks(number: number, pages: pages) { urls.users(page: $0) }, body: body)
    }

    func profilePage(_ handle: String, _ request: PlatformRequest) -> PlatformResponse {
        let user: User
        switch view.account(handle: handle) {
        case .missing: return notFoundPage()
        case .suspended(_, let at): return suspendedPage(handle: handle, at: at)
        case .active(let found): user = found
        }
        guard let number = request.positiveInteger("page", fallback: 1) else {
            return badRequestPage("page must be a positive integer")
        }
        let all = view.postsByAuthor[handle] ?? []
        guard let posts = Self.page(all, number: number, size: Self.profilePageSize) else { return notFoundPage() }
        let pages = Self.pageCount(all.count, size: Self.profilePageSize)
        let joined = Timestamp(iso8601: user.createdAt)?.readable ?? user.createdAt
        let body = """
            <section class="profile h-card" data-account-id="\(user.id)">
            <img class="u-photo avatar" src="\(urls.avatar)" alt="" width="48" height="48">
            <h1 class="p-name">\(HTML.escape(user.displayName))</h1>
            <p class="handle">@<span class="p-nickname">\(HTML.escape(user.handle))</span></p>
            <p class="p-note bio">\(HTML.escape(user.bio))</p>
            <p class="meta">Joined <time datetime="\(user.createdAt)">\(joined)</time> · \(all.count) posts · \
            <a href="\(urls.userRSS(handle))" type="application/rss+xml">RSS</a> · \
            <a href="\(urls.apiUserPosts(handle, page: 1))" type="application/json">JSON</a></p>
            <a class="u-url" href="\(urls.profile(handle))" hidden>\(urls.profile(handle))</a>
            </section>
            <h2>Posts</h2>
            \(posts.isEmpty ? "<p class=\"empty\">No posts yet.</p>" : posts.map(postSummary).joined(separator: "\n"))
            \(pager(number: number, pages: pages) { urls.profile(handle, page: $0) })
            """
        let description = HTML.escape(user.bio)
        let head = """
            <meta property="og:type" content="profile">
            <meta property="og:site_name" content="\(Self.siteName)">
            <meta property="og:title" content="\(HTML.escape(user.displayName)) (@\(HTML.escape(handle)))">
            <meta property="og:description" content="\(description)">
            <meta property="og:url" content="\(urls.profile(handle))">
            <meta property="og:image" content="\(urls.avatar)">
            <meta property="profile:username" content="\(HTML.escape(handle))">
            <meta name="description" content="\(description)">
            <link rel="alternate" type="application/rss+xml" title="@\(HTML.escape(handle))" href="\(urls.userRSS(handle))">
            <link rel="alternate" type="application/json" href="\(urls.apiUser(handle))">
            """ + "\n" + pagerLinks(number: number, pages: pages) { urls.profile(handle, page: $0) }
        return page(
            title: "\(HTML.escape(user.displayName)) (@\(HTML.escape(handle))) – \(Self.siteName)",
            canonical: urls.profile(handle, page: number), extraHead: head, body: body)
    }

    func postPage(handle: String, id: Int) -> PlatformResponse {
        guard case .visible(let post) = view.state(ofPost: id, allPosts: catalog.posts) else {
            if case .removed = view.state(ofPost: id, allPosts: catalog.posts) {
                return errorPage(status: 404, title: "Post not found", message: "This post has been deleted.")
            }
            return notFoundPage()
        }
        guard post.author.handle == handle else {
            // The canonical URL names the author; other handles redirect there, as real platforms do.
            let target = urls.post(post.author.handle, id)
            return PlatformResponse(
                status: 301, headers: [("Location", target), ("Content-Type", "text/html; charset=utf-8")],
                body: Array("<a href=\"\(target)\">Moved</a>\n".utf8))
        }
        let permalink = urls.post(handle, id)
        let shared = post.post.repostOf.flatMap { view.posts[$0] }
        let parent = post.post.replyTo.flatMap { catalog.posts[$0] }
        let summary =
            post.body.isEmpty ? (shared.map { "Repost of @\($0.author.handle): \($0.body)" } ?? "") : post.body
        var head = """
            <meta name="description" content="\(HTML.escape(summary))">
            <meta property="og:type" content="article">
            <meta property="og:site_name" content="\(Self.siteName)">
            <meta property="og:title" content="\(HTML.escape(post.author.displayName)) (@\(HTML.escape(handle)))">
            <meta property="og:description" content="\(HTML.escape(summary))">
            <meta property="og:url" content="\(permalink)">
            <meta property="og:locale" content="\(post.post.lang == "de" ? "de_DE" : "en_US")">
            <meta property="article:published_time" content="\(post.post.createdAt)">
            <meta property="article:author" content="\(urls.profile(handle))">

            """
        if let edited = post.editedAt { head += "<meta property=\"article:modified_time\" content=\"\(edited)\">\n" }
        for tag in post.hashtags { head += "<meta property=\"article:tag\" content=\"\(HTML.escape(tag))\">\n" }
        let media = (post.post.media.isEmpty ? (shared?.post.media ?? []) : post.post.media).compactMap {
            catalog.media[$0]
        }
        for file in media {
            let kind = file.isVideo ? "video" : "image"
            head += "<meta property=\"og:\(kind)\" content=\"\(urls.original(file.name))\">\n"
            head += "<meta property=\"og:\(kind):type\" content=\"\(file.entry.mimeType)\">\n"
            if let width = file.entry.width, let height = file.entry.height {
                head += "<meta property=\"og:\(kind):width\" content=\"\(width)\">\n"
                head += "<meta property=\"og:\(kind):height\" content=\"\(height)\">\n"
            }
        }
        head += "<link rel=\"alternate\" type=\"application/json\" href=\"\(urls.apiPost(id))\">\n"
        head += "<link rel=\"alternate\" type=\"application/activity+json\" href=\"\(urls.mastodonStatus(id))\">\n"
        head +=
            "<script type=\"application/ld+json\">\(JSONLD.script(jsonLD(post, shared: shared, media: media)))</script>"

        var article =
            "<article class=\"post h-entry\" id=\"post-\(id)\" data-post-id=\"\(id)\" lang=\"\(post.post.lang)\">\n"
        article += authorLine(post) + "\n"
        if let parent {
            let parentURL = urls.post(parent.author, parent.id)
            article +=
                "<p class=\"in-reply-to\">Replying to <a class=\"u-in-reply-to\" href=\"\(parentURL)\">"
                + "@\(HTML.escape(parent.author))’s post \(parent.id)</a></p>\n"
        }
        if let shared {
            article +=
                "<p class=\"repost-note\">Reposted from <a class=\"u-repost-of\" href=\"\(urls.post(shared.author.handle, shared.id))\">"
                + "@\(HTML.escape(shared.author.handle))</a></p>\n"
        }
        if !post.body.isEmpty { article += "<div class=\"e-content\">\(contentHTML(post))</div>\n" }
        if let shared {
            article +=
                "<blockquote class=\"repost h-cite\" cite=\"\(urls.post(shared.author.handle, shared.id))\">\n"
                + authorLine(shared) + "\n<div class=\"e-content\">\(contentHTML(shared))</div>\n</blockquote>\n"
        }
        article += media.map { mediaFigure($0, postID: id) }.joined(separator: "\n")
        article += "\n<footer class=\"post-meta\">\n" + timeLine(post)
        article += " · <a class=\"u-url u-uid\" href=\"\(permalink)\">Permalink</a>"
        article += " · <a href=\"\(urls.apiPost(id))\" type=\"application/json\">JSON</a>"
        let replies = view.replyCounts[id] ?? 0
        let reposts = view.repostCounts[id] ?? 0
        article += " · <span class=\"counts\">\(replies) replies, \(reposts) reposts</span>\n</footer>\n</article>"
        let title =
            "\(HTML.escape(post.author.displayName)): “\(HTML.escape(JSONLD.headline(summary, fallback: "Post \(id)")))” – \(Self.siteName)"
        var response = page(title: title, canonical: permalink, extraHead: head, body: article)
        response.headers.append(("Last-Modified", Timestamp(iso8601: post.modifiedAt)?.http ?? ""))
        return response
    }

    func tagPage(_ name: String, _ request: PlatformRequest) -> PlatformResponse {
        let key = name.lowercased()
        guard let all = view.postsByTag[key], !all.isEmpty else { return notFoundPage() }
        guard let number = request.positiveInteger("page", fallback: 1) else {
            return badRequestPage("page must be a positive integer")
        }
        guard let posts = Self.page(all, number: number, size: Self.tagPageSize) else { return notFoundPage() }
        let pages = Self.pageCount(all.count, size: Self.tagPageSize)
        let body = """
            <h1>#\(HTML.escape(name))</h1>
            <p>\(all.count) posts</p>
            \(posts.map(postSummary).joined(separator: "\n"))
            \(pager(number: number, pages: pages) { urls.tag(name, page: $0) })
            """
        return page(
            title: "#\(HTML.escape(name)) – \(Self.siteName)", canonical: urls.tag(name, page: number),
            extraHead: pagerLinks(number: number, pages: pages) { urls.tag(name, page: $0) }, body: body)
    }

    func adminPage() -> PlatformResponse {
        errorPage(
            status: 403, title: "Staff only",
            message: "The admin area needs a staff login. robots.txt asks crawlers to stay out.")
    }

    // MARK: Pieces

    func jsonLD(_ post: VisiblePost, shared: VisiblePost?, media: [MediaFile]) -> JSONLD.Posting {
        let permalink = urls.post(post.author.handle, post.id)
        let objects = media.map { file in
            JSONLD.MediaObject(
                type: file.isVideo ? "VideoObject" : "ImageObject", contentUrl: urls.original(file.name),
                thumbnailUrl: urls.transcoded(file.name), encodingFormat: file.entry.mimeType, name: file.name,
                uploadDate: post.post.createdAt, width: file.entry.width, height: file.entry.height,
                duration: file.entry.duration.map { "PT\(Int($0.rounded()))S" })
        }
        let images = objects.filter { $0.type == "ImageObject" }
        let videos = objects.filter { $0.type == "VideoObject" }
        let parent = post.post.replyTo.flatMap { catalog.posts[$0] }.map {
            JSONLD.PostReference(id: urls.post($0.author, $0.id), url: urls.post($0.author, $0.id))
        }
        return JSONLD.Posting(
            id: permalink, url: permalink, identifier: String(post.id),
            headline: JSONLD.headline(
                post.body, fallback: shared.map { "Repost of @\($0.author.handle)" } ?? "Post \(post.id)"),
            articleBody: post.body, datePublished: post.post.createdAt, dateModified: post.editedAt,
            inLanguage: post.post.lang, author: person(post.author),
            keywords: post.hashtags.isEmpty ? nil : post.hashtags,
            image: images.isEmpty ? nil : images, video: videos.isEmpty ? nil : videos,
            sharedContent: shared.map {
                JSONLD.SharedPosting(
                    id: urls.post($0.author.handle, $0.id), url: urls.post($0.author.handle, $0.id),
                    headline: JSONLD.headline($0.body, fallback: "Post \($0.id)"), articleBody: $0.body,
                    datePublished: $0.post.createdAt, author: person($0.author))
            },
            isPartOf: parent, inReplyTo: parent)
    }

    func person(_ user: User) -> JSONLD.Person {
        JSONLD.Person(name: user.displayName, alternateName: "@" + user.handle, url: urls.profile(user.handle))
    }

    /// A post in a list: author, text, thumbnails (transcodes) and a link to its page.
    func postSummary(_ post: VisiblePost) -> String {
        let permalink = urls.post(post.author.handle, post.id)
        var html =
            "<article class=\"post h-entry\" data-post-id=\"\(post.id)\" lang=\"\(post.post.lang)\">\n"
            + authorLine(post) + "\n"
        if let parent = post.post.replyTo.flatMap({ catalog.posts[$0] }) {
            html +=
                "<p class=\"in-reply-to\">Replying to <a class=\"u-in-reply-to\" href=\"\(urls.post(parent.author, parent.id))\">"
                + "@\(HTML.escape(parent.author))</a></p>\n"
        }
        if !post.body.isEmpty { html += "<div class=\"e-content\">\(contentHTML(post))</div>\n" }
        if let shared = post.post.repostOf.flatMap({ view.posts[$0] }) {
            html +=
                "<blockquote class=\"repost h-cite\"><p>Repost of <a class=\"u-repost-of\" href=\"\(urls.post(shared.author.handle, shared.id))\">"
                + "@\(HTML.escape(shared.author.handle))’s post</a></p>\(contentHTML(shared))</blockquote>\n"
        }
        for name in post.post.media {
            guard let file = catalog.media[name] else { continue }
            html +=
                file.isVideo
                ? "<a class=\"media\" href=\"\(permalink)\">[video \(HTML.escape(name))]</a>\n"
                : "<a class=\"media\" href=\"\(permalink)\"><img src=\"\(urls.transcoded(name))\" alt=\"\" loading=\"lazy\" width=\"96\"></a>\n"
        }
        html +=
            "<footer class=\"post-meta\">" + timeLine(post)
            + " · <a class=\"u-url\" href=\"\(permalink)\">Permalink</a></footer>\n</article>"
        return html
    }

    func authorLine(_ post: VisiblePost) -> String {
        "<p class=\"author p-author h-card\"><img class=\"u-photo avatar\" src=\"\(urls.avatar)\" alt=\"\" width=\"24\" height=\"24\"> "
            + "<a class=\"u-url p-name\" href=\"\(urls.profile(post.author.handle))\">\(HTML.escape(post.author.displayName))</a> "
            + "<span class=\"handle\">@\(HTML.escape(post.author.handle))</span></p>"
    }

    func timeLine(_ post: VisiblePost) -> String {
        var html =
            "<time class=\"dt-published\" datetime=\"\(post.post.createdAt)\">\(post.createdAt?.readable ?? post.post.createdAt)</time>"
        if let edited = post.editedAt {
            html +=
                " · edited <time class=\"dt-updated\" datetime=\"\(edited)\">\(Timestamp(iso8601: edited)?.readable ?? edited)</time>"
        }
        return html
    }

    /// The original (link, metadata intact) and the transcode shown inline (metadata stripped).
    func mediaFigure(_ file: MediaFile, postID: Int) -> String {
        let original = urls.original(file.name)
        let transcoded = urls.transcoded(file.name)
        let inline =
            file.isVideo
            ? "<video src=\"\(transcoded)\" controls preload=\"none\" width=\"\(file.entry.width ?? 320)\"></video>"
            : "<img src=\"\(transcoded)\" alt=\"Image attached to post \(postID)\" width=\"\(file.entry.width ?? 320)\">"
        return """
            <figure class="attachment \(file.isVideo ? "video" : "image")">
            \(inline)
            <figcaption><a class="original" href="\(original)" type="\(file.entry.mimeType)">Original file: \(HTML.escape(file.name))</a></figcaption>
            </figure>
            """
    }

    func feedLinks() -> String {
        """
        <link rel="alternate" type="application/rss+xml" title="\(Self.siteName)" href="\(urls.rss)">
        <link rel="alternate" type="application/atom+xml" title="\(Self.siteName)" href="\(urls.atom)">

        """
    }

    func pagerLinks(number: Int, pages: Int, url: (Int) -> String) -> String {
        var html = ""
        if number > 1 { html += "<link rel=\"prev\" href=\"\(HTML.escape(url(number - 1)))\">\n" }
        if number < pages { html += "<link rel=\"next\" href=\"\(HTML.escape(url(number + 1)))\">\n" }
        return html
    }

    func pager(number: Int, pages: Int, url: (Int) -> String) -> String {
        var links: [String] = []
        if number > 1 { links.append("<a rel=\"prev\" href=\"\(HTML.escape(url(number - 1)))\">← Newer</a>") }
        links.append("<span>Page \(number) of \(pages)</span>")
        if number < pages { links.append("<a rel=\"next\" href=\"\(HTML.escape(url(number + 1)))\">Older →</a>") }
        return "<nav class=\"pager\">" + links.joined(separator: " ") + "</nav>"
    }

    func page(title: String, canonical: String, extraHead: String, body: String, status: Int = 200) -> PlatformResponse
    {
        let html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title)</title>
            <link rel="canonical" href="\(HTML.escape(canonical))">
            \(extraHead)
            <style>body{font-family:sans-serif;max-width:42rem;margin:auto;padding:1rem}article{border-bottom:1px solid #ddd;padding:.5rem 0}.handle,.post-meta{color:#666;font-size:.9em}img,video{max-width:100%}</style>
            </head>
            <body>
            <header class="site"><a href="\(urls.home)" rel="home">\(Self.siteName)</a> · <a href="\(urls.users())">Accounts</a> · <a href="\(urls.rss)">RSS</a></header>
            <main>
            \(body)
            </main>
            <footer class="site"><a href="\(urls.home)">Home</a> · <a href="\(urls.sitemapIndex)">Sitemap</a> · <a href="\(urls.base)/robots.txt">robots.txt</a> · <a href="\(urls.admin)" rel="nofollow">Admin</a> · <a href="\(urls.internalStats)" rel="nofollow">Stats</a></footer>
            </body>
            </html>

            """
        return .html(html, status: status)
    }

    func errorPage(status: Int, title: String, message: String) -> PlatformResponse {
        page(
            title: "\(title) – \(Self.siteName)", canonical: urls.home,
            extraHead: "<meta name=\"robots\" content=\"noindex\">",
            body: "<h1>\(HTML.escape(title))</h1>\n<p>\(HTML.escape(message))</p>", status: status)
    }

    func notFoundPage() -> PlatformResponse {
        errorPage(status: 404, title: "Not found", message: "There is nothing here.")
    }

    func badRequestPage(_ message: String) -> PlatformResponse {
        errorPage(status: 400, title: "Bad request", message: message)
    }

    func suspendedPage(handle: String, at: String) -> PlatformResponse {
        errorPage(
            status: 410, title: "Account suspended",
            message:
                "@\(handle) was suspended on \(Timestamp(iso8601: at)?.readable ?? at) for violating the rules of \(Self.siteName)."
        )
    }
}
