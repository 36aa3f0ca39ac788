/// What the outcome of fetching /robots.txt means for a site (RFC 9309 2.3.1).
public enum RobotsPolicy: Sendable, Hashable {
    /// 2xx: the file's rules apply.
    case parsed
    /// 4xx (404 included), or a redirect chain given up on: no rules, everything is allowed.
    case unavailable
    /// 5xx, 429 or no response at all: assume everything is disallowed, and fetch robots.txt again later.
    case unreachable

    /// The policy for the status code of the robots.txt fetch; nil when the fetch produced no response.
    ///
    /// 429 is read as "unreachable" rather than "unavailable": the server asked us to slow down,
    /// and treating that as permission to crawl everything would be impolite.
    public init(status: Int?) {
        switch status {
        case .some(200..<300): self = .parsed
        case .some(429): self = .unreachable
        case .some(300..<500): self = .unavailable
        default: self = .unreachable
        }
    }

    /// Whether robots.txt should be fetched again soon rather than cached for a day.
    public var retryLater: Bool { self == .unreachable }
}
