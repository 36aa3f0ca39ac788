/// How a ZIP entry's bytes are stored: the two methods WACZ writers use.
public enum ZIPMethod: UInt16, Sendable, Hashable {
    /// Method 0: the bytes as they are.
    case stored = 0
    /// Method 8: raw deflate (RFC 1951).
    case deflated = 8
}
