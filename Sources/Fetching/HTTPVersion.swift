/// The HTTP version a response was received with.
public struct HTTPVersion: Sendable, Hashable, CustomStringConvertible {
    /// Major version: 1, 2 or 3.
    public var major: Int
    /// Minor version: 0 or 1 for HTTP/1.x, 0 otherwise.
    public var minor: Int

    /// A version from its two numbers.
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// HTTP/1.0.
    public static let http10 = HTTPVersion(major: 1, minor: 0)
    /// HTTP/1.1.
    public static let http11 = HTTPVersion(major: 1, minor: 1)
    /// HTTP/2.
    public static let http2 = HTTPVersion(major: 2, minor: 0)
    /// HTTP/3.
    public static let http3 = HTTPVersion(major: 3, minor: 0)

    /// The protocol name as in a status line: "HTTP/1.1", "HTTP/2".
    public var description: String {
        major >= 2 ? "HTTP/\(major)" : "HTTP/\(major).\(minor)"
    }
}
