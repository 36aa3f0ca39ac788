/// The absolute URLs of the platform's pages, APIs and media, under one base such as
/// `http://127.0.0.1:8080`.
struct SiteURLs: Sendable {
    let base: String

    var home: String { base + "/" }
    func home(page: Int) -> String { page <= 1 ? home : base + "/?page=\(page)" }
    func profile(_ handle: String, page: Int = 1) -> String {
        base + "/@" + handle + (page <= 1 ? "" : "?page=\(page)")
    }
    func post(_ handle: String, _ id: Int) -> String { base + "/@\(handle)/posts/\(id)" }
    func tag(_ name: String, page: Int = 1) -> String {
        base + "/tags/" + Self.percentEncode(name) + (page <= 1 ? "" : "?page=\(page)")
    }
    func users(page: Int = 1) -> String { base + "/users" + (page <= 1 ? "" : "?page=\(page)") }
    func original(_ name: String) -> String { base + "/media/original/" + Self.percentEncode(name) }
    func transcoded(_ name: String) -> String { base + "/media/transcoded/" + Self.percentEncode(name) }
    var avatar: String { base + "/avatars/missing.png" }
    var rss: String { base + "/feed.rss" }
    var atom: String { base + "/feed.atom" }
    func userRSS(_ handle: String) -> String { base + "/@\(handle)/feed.rss" }
    var sitemapIndex: String { base + "/sitemap.xml" }
    func sitemapPosts(_ number: Int) -> String { base + "/sitemap-posts-\(number).xml" }
    func sitemapUsers(_ number: Int) -> String { base + "/sitemap-users-\(number).xml" }
    var admin: String { base + "/admin/" }
    var internalStats: String { base + "/api/internal/stats" }
    func apiPost(_ id: Int) -> String { base + "/api/post/\(id)" }
    func apiUser(_ handle: String) -> String { base + "/api/user/\(handle)" }
    func apiUserPosts(_ handle: String, page: Int) -> String { base + "/api/user/\(handle)/posts?page=\(page)" }
    func mastodonStatus(_ id: Int) -> String { base + "/api/v1/statuses/\(id)" }
    func mastodonAccount(_ id: Int) -> String { base + "/api/v1/accounts/\(id)" }
    var mastodonPublicTimeline: String { base + "/api/v1/timelines/public" }
    func mastodonAccountStatuses(_ id: Int) -> String { base + "/api/v1/accounts/\(id)/statuses" }

    /// Percent-encodes everything but RFC 3986 unreserved characters.
    static func percentEncode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                output += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return output
    }
}
