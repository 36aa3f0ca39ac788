/// One request the platform answered, for tests and the demo to check what a crawler did
/// (for instance that it never asked for anything under `/admin/`).
public struct ServedRequest: Sendable, Equatable {
    /// `GET` or `HEAD` (or whatever was sent).
    public let method: String
    /// The request target as sent: path and query, e.g. `/api/post/12?x=1`.
    public let target: String
    /// The status answered.
    public let status: Int
    /// When it was answered (for tests that check a client's pacing, e.g. after a 429).
    public let time: ContinuousClock.Instant

    /// A served request; `time` defaults to now.
    public init(method: String, target: String, status: Int, time: ContinuousClock.Instant = .now) {
        self.method = method
        self.target = target
        self.status = status
        self.time = time
    }
}
