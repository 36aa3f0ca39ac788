/// Which HTTP versions the client offers to servers.
public enum HTTPVersionPreference: Sendable, Hashable {
    /// HTTP/1.1 only.
    case http1
    /// HTTP/2 when the server offers it during the TLS handshake (ALPN), else HTTP/1.1;
    /// plain-text `http://` stays HTTP/1.1.
    case http2OverTLS
}
