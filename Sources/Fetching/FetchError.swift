/// Why a fetch produced no response. Every case names the URL; most carry libcurl's message.
public enum FetchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The request cannot be sent: malformed URL, unsupported scheme, bad header field.
    case invalidRequest(url: String, message: String)
    /// The host name could not be resolved.
    case dnsFailure(url: String, message: String)
    /// No connection could be established (refused, unreachable, connect timeout).
    case connectFailure(url: String, message: String)
    /// The transfer timed out before the response headers were complete.
    case timeout(url: String, message: String)
    /// The TLS handshake or certificate verification failed.
    case tlsFailure(url: String, message: String)
    /// Too many redirects (the client itself never follows redirects).
    case tooManyRedirects(url: String, message: String)
    /// The body exceeded the size limit and `failOnOversizedBody` is set.
    case bodyTooLarge(url: String, limit: Int)
    /// The connection broke or was closed before the response headers were complete.
    case connectionLost(url: String, message: String)
    /// The server's reply was not valid HTTP (or its head exceeded the size limit).
    case protocolError(url: String, message: String)
    /// The calling task was cancelled, or the client was shut down.
    case cancelled(url: String)
    /// Any other libcurl failure, with its CURLcode.
    case other(url: String, code: Int, message: String)

    /// The URL of the failed request.
    public var url: String {
        switch self {
        case .invalidRequest(let url, _), .dnsFailure(let url, _), .connectFailure(let url, _),
            .timeout(let url, _), .tlsFailure(let url, _), .tooManyRedirects(let url, _),
            .bodyTooLarge(let url, _), .connectionLost(let url, _), .protocolError(let url, _),
            .cancelled(let url), .other(let url, _, _):
            url
        }
    }

    /// The detail message (libcurl's where it came from libcurl).
    public var message: String {
        switch self {
        case .invalidRequest(_, let message), .dnsFailure(_, let message), .connectFailure(_, let message),
            .timeout(_, let message), .tlsFailure(_, let message), .tooManyRedirects(_, let message),
            .connectionLost(_, let message), .protocolError(_, let message), .other(_, _, let message):
            message
        case .bodyTooLarge(_, let limit): "the body is larger than \(limit) bytes"
        case .cancelled: "cancelled"
        }
    }

    /// The case without its values, for retry rules and statistics.
    public var kind: Kind {
        switch self {
        case .invalidRequest: .invalidRequest
        case .dnsFailure: .dnsFailure
        case .connectFailure: .connectFailure
        case .timeout: .timeout
        case .tlsFailure: .tlsFailure
        case .tooManyRedirects: .tooManyRedirects
        case .bodyTooLarge: .bodyTooLarge
        case .connectionLost: .connectionLost
        case .protocolError: .protocolError
        case .cancelled: .cancelled
        case .other: .other
        }
    }

    /// "<kind> fetching <url>: <message>".
    public var description: String {
        "\(kind.rawValue) fetching \(url): \(message)"
    }
}
