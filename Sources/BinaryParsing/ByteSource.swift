/// Random access to bytes that may not all be in memory (a file, a WARC payload, a test buffer).
///
/// Parsers read only the ranges they need through this, so a 4 GB video costs a few small reads.
public protocol ByteSource: Sendable {
    /// Total number of bytes.
    var size: Int { get }
    /// Up to `count` bytes starting at `offset`; fewer at the end, none past it.
    func read(at offset: Int, count: Int) throws(ByteSourceError) -> [UInt8]
}

/// A failure to read bytes from the underlying storage (not a format problem).
public struct ByteSourceError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, e.g. "read failed at offset 4096: Input/output error".
    public let message: String
    /// An error with the given message.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension ByteSource {
    /// Exactly `count` bytes at `offset`, or nil when the source ends first or the range is invalid.
    public func readExactly(at offset: Int, count: Int) throws(ByteSourceError) -> [UInt8]? {
        guard offset >= 0, count >= 0, offset <= size, count <= size - offset else { return nil }
        let bytes = try read(at: offset, count: count)
        return bytes.count == count ? bytes : nil
    }
}

/// Bytes held in memory.
public struct MemoryByteSource: ByteSource {
    /// The bytes.
    public let bytes: [UInt8]
    /// A source over `bytes`.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public var size: Int { bytes.count }

    public func read(at offset: Int, count: Int) throws(ByteSourceError) -> [UInt8] {
        guard offset >= 0, count > 0, offset < bytes.count else { return [] }
        return Array(bytes[offset..<offset + min(count, bytes.count - offset)])
    }
}
