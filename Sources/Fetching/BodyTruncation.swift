/// Why a response body is shorter than the server meant it to be.
///
/// The cases match the values of the WARC `WARC-Truncated` header.
public enum BodyTruncation: Sendable, Hashable {
    /// The body reached the configured size limit; the transfer was stopped there.
    case length(limit: Int)
    /// The connection broke or closed before the whole body arrived.
    case disconnect(message: String)
    /// A timeout (total or low-speed) struck after the headers had arrived.
    case time(message: String)

    /// The value for a WARC `WARC-Truncated` header: "length", "disconnect" or "time".
    public var warcValue: String {
        switch self {
        case .length: "length"
        case .disconnect: "disconnect"
        case .time: "time"
        }
    }
}
