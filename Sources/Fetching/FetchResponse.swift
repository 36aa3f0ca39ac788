/// A response as the server sent it: head and body bytes unchanged, plus what was parsed from them.
public struct FetchResponse: Sendable {
    /// The URL that was requested (redirects are never followed).
    public var url: String
    /// The status code, e.g. 200.
    public var statusCode: Int
    /// The protocol version of the response.
    public var httpVersion: HTTPVersion
    /// The response head exactly as received: status line, header lines and the empty line,
    /// each ending in CRLF. Only the final response: interim 1xx responses are left out.
    /// For HTTP/2 this is libcurl's HTTP/1-style rendering of the binary header frames.
    public var rawHead: [UInt8]
    /// Header fields parsed from `rawHead`.
    public var headers: HTTPHeaders
    /// The body exactly as received: still chunked if the server chunked it, still compressed
    /// if it was compressed (no transfer or content decoding).
    public var body: [UInt8]
    /// Why the body is incomplete, or nil when it arrived whole.
    public var truncation: BodyTruncation?
    /// The request head as sent (request line, header lines, empty line), for a WARC request record.
    public var requestHead: [UInt8]
    /// The IP address connected to, e.g. "127.0.0.1" or "2001:db8::1".
    public var remoteIP: String
    /// The port connected to.
    public var remotePort: Int
    /// For a 3xx response with a Location header: that location resolved to an absolute URL.
    public var redirectLocation: String?
    /// Whether the transfer ran on a connection kept alive from an earlier transfer.
    public var reusedConnection: Bool
    /// How long the phases of the transfer took.
    public var timings: FetchTimings

    /// Whether the body is incomplete (see `truncation`).
    public var bodyTruncated: Bool { truncation != nil }

    /// The whole response as received (`rawHead` followed by `body`): the block of a WARC response record.
    public var rawResponse: [UInt8] { rawHead + body }
}
