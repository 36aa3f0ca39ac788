/// One file of a ZIP archive as its central directory lists it.
public struct ZIPEntry: Sendable, Hashable {
    /// The entry's path inside the archive (checked: relative, no `.` or `..` components).
    public var name: String
    /// Stored or deflated.
    public var method: ZIPMethod
    /// CRC-32 of the uncompressed bytes.
    public var crc32: UInt32
    /// Bytes in the archive.
    public var compressedSize: UInt64
    /// Bytes once inflated.
    public var uncompressedSize: UInt64
    /// Offset of the entry's local header.
    public var localHeaderOffset: UInt64

    /// True for a directory entry (name ending in `/`, no data).
    public var isDirectory: Bool { name.hasSuffix("/") }
}
