/// Every URL the platform answers, parsed from a decoded path.
enum Route: Equatable, Sendable {
    case home
    case robots
    case sitemapIndex
    case sitemapPosts(Int)
    case sitemapUsers(Int)
    case rss
    case atom
    case userRSS(handle: String)
    case users
    case profile(handle: String)
    case postPage(handle: String, id: Int)
    case tag(String)
    /// `/admin/…`: disallowed by robots.txt, so a polite crawler never asks.
    case admin
    /// `/api/internal/…`: disallowed by robots.txt too.
    case internalAPI
    case apiPost(id: Int)
    case apiUser(handle: String)
    case apiUserPosts(handle: String)
    case mastodonInstance
    case mastodonPublicTimeline
    case mastodonAccountLookup
    case mastodonAccount(id: Int)
    case mastodonAccountStatuses(id: Int)
    case mastodonStatus(id: Int)
    case originalMedia(name: String)
    case transcodedMedia(name: String)
    case avatar
    case notFound

    init(path: String) {
        if path == "/admin" || path.hasPrefix("/admin/") {
            self = .admin
            return
        }
        if path == "/api/internal" || path.hasPrefix("/api/internal/") {
            self = .internalAPI
            return
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        self = Self.match(parts) ?? .notFound
    }

    private static func match(_ parts: [String]) -> Route? {
        switch parts.count {
        case 1:
            return matchOne(parts[0])
        case 2:
            return matchTwo(parts[0], parts[1])
        case 3:
            if let handle = handle(parts[0]), parts[1] == "posts", let id = canonicalInteger(parts[2]) {
                return .postPage(handle: handle, id: id)
            }
            if parts[0] == "media", !parts[2].isEmpty {
                if parts[1] == "original" { return .originalMedia(name: parts[2]) }
                if parts[1] == "transcoded" { return .transcodedMedia(name: parts[2]) }
            }
            if parts[0] == "api", parts[1] == "post", let id = canonicalInteger(parts[2]) { return .apiPost(id: id) }
            if parts[0] == "api", parts[1] == "user", !parts[2].isEmpty { return .apiUser(handle: parts[2]) }
            if parts[0] == "api", parts[1] == "v1", parts[2] == "instance" { return .mastodonInstance }
            return nil
        case 4:
            if parts[0] == "api", parts[1] == "user", !parts[2].isEmpty, parts[3] == "posts" {
                return .apiUserPosts(handle: parts[2])
            }
            guard parts[0] == "api", parts[1] == "v1" else { return nil }
            if parts[2] == "timelines", parts[3] == "public" { return .mastodonPublicTimeline }
            if parts[2] == "accounts", parts[3] == "lookup" { return .mastodonAccountLookup }
            if parts[2] == "accounts", let id = canonicalInteger(parts[3]) { return .mastodonAccount(id: id) }
            if parts[2] == "statuses", let id = canonicalInteger(parts[3]) { return .mastodonStatus(id: id) }
            return nil
        case 5:
            if parts[0] == "api", parts[1] == "v1", parts[2] == "accounts", let id = canonicalInteger(parts[3]),
                parts[4] == "statuses"
            {
                return .mastodonAccountStatuses(id: id)
            }
            return nil
        default:
            return nil
        }
    }

    private static func matchOne(_ part: String) -> Route? {
        switch part {
        case "": return .home
        case "robots.txt": return .robots
        case "sitemap.xml": return .sitemapIndex
        case "feed.rss": return .rss
        case "feed.atom": return .atom
        case "users": return .users
        default: break
        }
        if let handle = handle(part) { return .profile(handle: handle) }
        if let number = numbered(part, prefix: "sitemap-posts-", suffix: ".xml") { return .sitemapPosts(number) }
        if let number = numbered(part, prefix: "sitemap-users-", suffix: ".xml") { return .sitemapUsers(number) }
        return nil
    }

    private static func matchTwo(_ first: String, _ second: String) -> Route? {
        if let handle = handle(first) {
            return second == "feed.rss" ? .userRSS(handle: handle) : nil
        }
        if first == "tags", !second.isEmpty { return .tag(second) }
        if first == "avatars", second == "missing.png" { return .avatar }
        return nil
    }

    /// `@handle` → `handle`.
    private static func handle(_ part: String) -> String? {
        guard part.hasPrefix("@"), part.count > 1 else { return nil }
        return String(part.dropFirst())
    }

    private static func numbered(_ part: String, prefix: String, suffix: String) -> Int? {
        guard part.hasPrefix(prefix), part.hasSuffix(suffix), part.count > prefix.count + suffix.count else {
            return nil
        }
        return canonicalInteger(String(part.dropFirst(prefix.count).dropLast(suffix.count)))
    }

    /// Digits only, no sign, no leading zero: one URL per number.
    static func canonicalInteger(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 18, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            text == "0" || !text.hasPrefix("0")
        else { return nil }
        return Int(text)
    }
}
