/// The whole platform as a function from request to response, for one epoch and one base URL.
/// Pages (`+Pages`), the Parler-style API (`+ParlerAPI`), the Mastodon API (`+MastodonAPI`),
/// feeds and sitemaps (`+Feeds`) and media (`+Media`) are extensions in their own files.
struct PlatformSite: Sendable {
    static let siteName = "Vestige Sample Social"
    static let homePageSize = 50
    static let profilePageSize = 20
    static let tagPageSize = 20
    static let usersPageSize = 50
    static let apiPageSize = 20
    static let feedSize = 50
    static let sitemapSize = 500

    let catalog: PlatformCatalog
    let view: EpochView
    let urls: SiteURLs

    init(catalog: PlatformCatalog, epoch: Int, base: String) {
        self.catalog = catalog
        self.view = catalog.view(epoch: epoch)
        self.urls = SiteURLs(base: base)
    }

    func respond(to request: PlatformRequest) -> PlatformResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            var response = PlatformResponse.text("Method not allowed\n", status: 405)
            response.headers.append(("Allow", "GET, HEAD"))
            return response
        }
        switch Route(path: request.path) {
        case .home: return homePage(request)
        case .robots: return robots()
        case .sitemapIndex: return sitemapIndex()
        case .sitemapPosts(let number): return sitemapPosts(number)
        case .sitemapUsers(let number): return sitemapUsers(number)
        case .rss:
            return rssFeed(
                posts: Array(view.timeline.prefix(Self.feedSize)), title: Self.siteName, link: urls.home,
                selfURL: urls.rss)
        case .atom: return atomFeed()
        case .userRSS(let handle): return userRSS(handle)
        case .users: return usersPage(request)
        case .profile(let handle): return profilePage(handle, request)
        case .postPage(let handle, let id): return postPage(handle: handle, id: id)
        case .tag(let name): return tagPage(name, request)
        case .admin: return adminPage()
        case .internalAPI: return PlatformResponse.json(JSONOutput.encode(["error": "forbidden"]), status: 403)
        case .apiPost(let id): return apiPost(id)
        case .apiUser(let handle): return apiUser(handle)
        case .apiUserPosts(let handle): return apiUserPosts(handle, request)
        case .mastodonInstance: return mastodonInstance()
        case .mastodonPublicTimeline: return mastodonPublicTimeline(request)
        case .mastodonAccountLookup: return mastodonAccountLookup(request)
        case .mastodonAccount(let id): return mastodonAccount(id)
        case .mastodonAccountStatuses(let id): return mastodonAccountStatuses(id, request)
        case .mastodonStatus(let id): return mastodonStatus(id)
        case .originalMedia(let name): return media(name, transcoded: false, request)
        case .transcodedMedia(let name): return media(name, transcoded: true, request)
        case .avatar: return avatar(request)
        case .notFound: return notFoundPage()
        }
    }

    func robots() -> PlatformResponse {
        .text(
            """
            # \(Self.siteName): public posts, profiles, feeds and APIs may be archived.
            User-agent: *
            Allow: /
            Disallow: /admin/
            Disallow: /api/internal/

            Sitemap: \(urls.sitemapIndex)

            """)
    }

    func knownHandle(_ handle: String) -> Bool { view.usersByHandle[handle] != nil }

    /// A post's text as HTML (Mastodon's `content`).
    func contentHTML(_ post: VisiblePost) -> String {
        HTML.content(post.body, urls: urls, knownHandles: knownHandle)
    }

    /// The page of `items` (1-based), or nil when the page is past the end (page 1 always exists).
    static func page<T>(_ items: [T], number: Int, size: Int) -> ArraySlice<T>? {
        let start = (number - 1) * size
        if number == 1 && items.isEmpty { return items[0..<0] }
        guard start < items.count else { return nil }
        return items[start..<min(items.count, start + size)]
    }

    static func pageCount(_ count: Int, size: Int) -> Int { max(1, (count + size - 1) / size) }
}
