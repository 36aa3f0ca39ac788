/// A request as the test server received it.
public struct RecordedRequest: Sendable {
    /// The method, e.g. "GET".
    public let method: String
    /// The request target as sent: path and query.
    public let target: String
    /// The path part of the target (before any "?").
    public let path: String
    /// The protocol version, e.g. "HTTP/1.1".
    public let version: String
    /// The header fields in order.
    public let headers: [(name: String, value: String)]
    /// The request head exactly as received (request line through the empty line).
    public let rawHead: [UInt8]
    /// The body (only when the request had a Content-Length).
    public let body: [UInt8]
    /// When the request head had fully arrived.
    public let arrival: ContinuousClock.Instant
    /// Which accepted connection it came on (numbered from 1), to observe keep-alive reuse.
    public let connectionID: Int

    /// The first value of a header field (case-insensitive name).
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}
