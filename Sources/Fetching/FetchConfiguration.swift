/// Settings shared by every transfer of one `CurlClient`.
public struct FetchConfiguration: Sendable {
    /// The User-Agent header: a product token, a version and a contact URL,
    /// e.g. "vestige/0.1 (+https://example.org/vestige)".
    public var userAgent: String
    /// Transfers running at once; further requests wait in a queue (their timeouts start when they run).
    public var maxConcurrentTransfers: Int = 64
    /// Open connections at most, over all hosts; also the size of the keep-alive connection cache.
    public var maxConnections: Int = 64
    /// Time allowed to resolve the host and establish the connection (TCP and TLS).
    public var connectTimeout: Duration = .seconds(15)
    /// Time allowed for the whole transfer.
    public var totalTimeout: Duration = .seconds(120)
    /// A transfer slower than this many bytes per second for `lowSpeedTime` is aborted
    /// (against servers that trickle bytes to hold a connection open); 0 disables the check.
    public var lowSpeedLimit: Int = 64
    /// How long a transfer may stay below `lowSpeedLimit`.
    public var lowSpeedTime: Duration = .seconds(30)
    /// Body bytes kept at most; the transfer stops there and the response is marked truncated.
    public var maxBodyBytes: Int = 100 * 1024 * 1024
    /// When true, a body over `maxBodyBytes` fails with `FetchError.bodyTooLarge`
    /// instead of returning the first `maxBodyBytes` bytes marked as truncated.
    public var failOnOversizedBody = false
    /// Response header bytes accepted at most (status line and fields); more is a protocol error.
    public var maxHeaderBytes: Int = 256 * 1024
    /// Which HTTP versions to offer.
    public var httpVersion: HTTPVersionPreference = .http2OverTLS
    /// A PEM file of extra trusted certificate authorities, replacing the system bundle; nil for the system's.
    /// Certificate and host name verification stay on either way.
    public var caFile: String?
    /// Sent as Accept-Encoding when set. Nil (the default) sends none, so bodies arrive as identity.
    /// Bodies are never decoded: they are kept exactly as the server sent them.
    public var acceptEncoding: String?
    /// Header fields added to every request (a request's own fields of the same name win).
    public var defaultHeaders: HTTPHeaders = [:]

    /// A configuration with this User-Agent and the default limits.
    public init(userAgent: String) {
        self.userAgent = userAgent
    }
}
