/// A URL's place in the crawl.
public enum FrontierState: String, Sendable, CaseIterable {
    /// Waiting to be fetched.
    case queued
    /// Claimed by a fetch that has not finished; after a crash these are queued again unless the
    /// WARC shows they were archived.
    case inFlight = "in_flight"
    /// Archived (a response, revisit or redirect capture exists).
    case done
    /// Given up, with a reason (robots.txt, scope trap, permanent error, attempts used up).
    case failed
    /// Waiting until `retry_at` (429/503 Retry-After, temporary network errors).
    case retry
    /// Recorded but never fetched (robots.txt disallows it, out of scope).
    case excluded
}

/// One row of the frontier.
public struct FrontierEntry: Sendable, Equatable {
    public var id: Int64
    public var url: String
    public var origin: String
    public var depth: Int
    /// Which attempt this claim is (1 for the first fetch).
    public var attempts: Int
    public var redirects: Int
    public var via: String?
}
