/// A cursor over bytes that never traps: every read past the end returns `nil` and leaves
/// the position where it was. The reader owns its index, so callers never do raw arithmetic
/// on untrusted offsets.
public struct ByteReader: Sendable {
    /// Byte order for multi-byte integers.
    public enum Endianness: Sendable { case big, little }

    /// The bytes being read; offsets are relative to the first of them.
    public let bytes: ArraySlice<UInt8>
    /// Byte order used by the integer reads.
    public var endianness: Endianness
    /// Offset of the next byte to read, from 0 to `count`.
    public private(set) var position: Int = 0

    /// A reader over `bytes`, starting at their first byte.
    public init(_ bytes: ArraySlice<UInt8>, endianness: Endianness = .big) {
        self.bytes = bytes
        self.endianness = endianness
    }

    /// A reader over `bytes`, starting at their first byte.
    public init(_ bytes: [UInt8], endianness: Endianness = .big) {
        self.init(bytes[...], endianness: endianness)
    }

    /// Number of bytes in the reader.
    public var count: Int { bytes.count }
    /// Bytes left after the position.
    public var remaining: Int { bytes.count - position }
    /// True when nothing is left to read.
    public var isAtEnd: Bool { position >= bytes.count }

    /// Moves to an absolute offset; false (and no move) when it lies outside the bytes.
    @discardableResult
    public mutating func seek(to offset: Int) -> Bool {
        guard offset >= 0, offset <= bytes.count else { return false }
        position = offset
        return true
    }

    /// Skips `n` bytes; false (and no move) when fewer are left.
    @discardableResult
    public mutating func skip(_ n: Int) -> Bool {
        guard n >= 0, n <= remaining else { return false }
        position += n
        return true
    }

    /// Reads `n` bytes, or nil when fewer are left.
    public mutating func readBytes(_ n: Int) -> ArraySlice<UInt8>? {
        guard let slice = slice(at: position, count: n) else { return nil }
        position += n
        return slice
    }

    /// The `n` bytes at `offset` without moving, or nil when they are not all there.
    public func slice(at offset: Int, count n: Int) -> ArraySlice<UInt8>? {
        guard offset >= 0, n >= 0, offset <= bytes.count, n <= bytes.count - offset else { return nil }
        let start = bytes.startIndex + offset
        return bytes[start..<start + n]
    }

    /// Reads one byte.
    public mutating func readUInt8() -> UInt8? {
        guard let value = uint8(at: position) else { return nil }
        position += 1
        return value
    }

    /// Reads a 16-bit unsigned integer in the reader's byte order.
    public mutating func readUInt16() -> UInt16? {
        guard let value = uint16(at: position) else { return nil }
        position += 2
        return value
    }

    /// Reads a 32-bit unsigned integer in the reader's byte order.
    public mutating func readUInt32() -> UInt32? {
        guard let value = uint32(at: position) else { return nil }
        position += 4
        return value
    }

    /// Reads a 64-bit unsigned integer in the reader's byte order.
    public mutating func readUInt64() -> UInt64? {
        guard let value = uint64(at: position) else { return nil }
        position += 8
        return value
    }

    /// Reads a 32-bit signed integer in the reader's byte order.
    public mutating func readInt32() -> Int32? {
        readUInt32().map { Int32(bitPattern: $0) }
    }

    /// Reads a four-character code such as a box or chunk type.
    public mutating func readFourCC() -> FourCC? {
        readUInt32BigEndian().map(FourCC.init(rawValue:))
    }

    /// Reads bytes up to (not including) a NUL, consuming the NUL; nil when there is no NUL.
    public mutating func readCString() -> ArraySlice<UInt8>? {
        let start = bytes.startIndex + position
        guard let end = bytes[start...].firstIndex(of: 0) else { return nil }
        position = end - bytes.startIndex + 1
        return bytes[start..<end]
    }

    /// The byte at `offset`, without moving.
    public func uint8(at offset: Int) -> UInt8? {
        guard offset >= 0, offset < bytes.count else { return nil }
        return bytes[bytes.startIndex + offset]
    }

    /// The 16-bit integer at `offset` in the reader's byte order, without moving.
    public func uint16(at offset: Int) -> UInt16? {
        integer(at: offset, size: 2).map { UInt16(truncatingIfNeeded: $0) }
    }

    /// The 32-bit integer at `offset` in the reader's byte order, without moving.
    public func uint32(at offset: Int) -> UInt32? {
        integer(at: offset, size: 4).map { UInt32(truncatingIfNeeded: $0) }
    }

    /// The 64-bit integer at `offset` in the reader's byte order, without moving.
    public func uint64(at offset: Int) -> UInt64? {
        integer(at: offset, size: 8)
    }

    private mutating func readUInt32BigEndian() -> UInt32? {
        let saved = endianness
        endianness = .big
        defer { endianness = saved }
        return readUInt32()
    }

    private func integer(at offset: Int, size: Int) -> UInt64? {
        guard offset >= 0, offset <= bytes.count - size else { return nil }
        let start = bytes.startIndex + offset
        var value: UInt64 = 0
        switch endianness {
        case .big:
            for i in 0..<size { value = value << 8 | UInt64(bytes[start + i]) }
        case .little:
            for i in (0..<size).reversed() { value = value << 8 | UInt64(bytes[start + i]) }
        }
        return value
    }
}
