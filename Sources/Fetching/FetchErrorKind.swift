extension FetchError {
    /// The cases of `FetchError` without their values.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case invalidRequest = "invalid request"
        case dnsFailure = "DNS failure"
        case connectFailure = "connect failure"
        case timeout = "timeout"
        case tlsFailure = "TLS failure"
        case tooManyRedirects = "too many redirects"
        case bodyTooLarge = "body too large"
        case connectionLost = "connection lost"
        case protocolError = "protocol error"
        case cancelled = "cancelled"
        case other = "error"
    }
}
