/// A WACZ entry copied out byte for byte and verified (`WACZReader.copy`).
public struct WACZEntryCopy: Sendable, Hashable {
    /// Where the copy is.
    public var path: String
    /// SHA-256 of the bytes, 64 lower-case hex digits (equal to the datapackage's).
    public var sha256: String
    /// Size in bytes.
    public var bytes: UInt64
    /// False when an identical copy was already there (nothing was written).
    public var created: Bool
}
