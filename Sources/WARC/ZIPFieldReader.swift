/// Little-endian fields of ZIP records, read from a byte array with every read bounds-checked:
/// a short record gives nil, never a trap.
struct ZIPFieldReader {
    private let bytes: [UInt8]
    /// The next byte to read.
    private(set) var offset: Int

    /// A reader over `bytes` starting at `offset`.
    init(_ bytes: [UInt8], at offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Bytes left after `offset`.
    var remaining: Int { max(0, bytes.count - offset) }

    mutating func uint16() -> UInt16? {
        guard offset >= 0, remaining >= 2 else { return nil }
        defer { offset += 2 }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    mutating func uint32() -> UInt32? {
        guard let low = uint16(), let high = uint16() else { return nil }
        return UInt32(low) | UInt32(high) << 16
    }

    mutating func uint64() -> UInt64? {
        guard let low = uint32(), let high = uint32() else { return nil }
        return UInt64(low) | UInt64(high) << 32
    }

    mutating func bytes(_ count: Int) -> [UInt8]? {
        guard offset >= 0, count >= 0, remaining >= count else { return nil }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func skip(_ count: Int) -> Bool {
        guard offset >= 0, count >= 0, remaining >= count else { return false }
        offset += count
        return true
    }
}
