/// What the test server does for one request: a well-formed response or a scripted fault.
public indirect enum Reply: Sendable {
    /// A complete response; Content-Length is added unless `headers` set it or Transfer-Encoding.
    /// The connection stays open (keep-alive) unless the request asked to close it.
    case response(status: Int, headers: [(String, String)] = [], body: [UInt8] = [])
    /// Exactly these bytes, then the connection is closed.
    case raw([UInt8])
    /// Exactly these bytes in one write; the connection stays open for the next request.
    case rawKeepingConnection([UInt8])
    /// A response with `Transfer-Encoding: chunked`, one chunk per element, then the last-chunk.
    case chunked([[UInt8]], status: Int = 200, headers: [(String, String)] = [])
    /// Headers announcing `body.count` bytes, then only the first `after` bytes, then close.
    case truncate(after: Int, body: [UInt8] = Array(repeating: UInt8(ascii: "x"), count: 1000))
    /// Another reply sent at this rate (the head too, unless `headersFirst`), then close.
    case trickle(bytesPerSecond: Int, headersFirst: Bool = false, reply: Reply = .text("slow\n"))
    /// The connection is reset (RST via SO_LINGER 0) without a reply.
    case reset
    /// Headers announcing `body.count` bytes, then only the first `after` bytes, then a reset (RST).
    case resetAfter(Int, body: [UInt8] = Array(repeating: UInt8(ascii: "x"), count: 1000))
    /// Waits this many seconds, then does `then`.
    case delay(Double, then: Reply)
    /// A short response with this status and, when given, a Retry-After header.
    case status(Int, retryAfter: String? = nil)

    /// A 200 (or `status`) text/plain response.
    public static func text(_ text: String, status: Int = 200) -> Reply {
        .response(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array(text.utf8))
    }

    /// A redirect to `location`.
    public static func redirect(to location: String, status: Int = 301) -> Reply {
        .response(status: status, headers: [("Location", location)], body: [])
    }
}
