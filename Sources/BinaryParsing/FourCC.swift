/// A four-character code (`ftyp`, `moov`, `IHDR`, `RIFF` …) as one big-endian 32-bit value.
public struct FourCC: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The four bytes as a big-endian integer.
    public let rawValue: UInt32

    /// A code from its big-endian integer value.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// A code from a four-character literal; characters beyond Latin-1 become 0.
    public init(stringLiteral value: String) {
        var raw: UInt32 = 0
        for scalar in value.unicodeScalars.prefix(4) {
            raw = raw << 8 | (scalar.value <= 0xFF ? scalar.value : 0)
        }
        rawValue = raw
    }

    /// The code's four bytes in order.
    public var bytes: [UInt8] {
        [UInt8(rawValue >> 24), UInt8(rawValue >> 16 & 0xFF), UInt8(rawValue >> 8 & 0xFF), UInt8(rawValue & 0xFF)]
    }

    /// Printable form; bytes outside printable ASCII are shown as `\xNN`, © as itself.
    public var description: String {
        bytes.map { byte in
            if byte == 0xA9 { return "©" }
            if byte >= 0x20 && byte < 0x7F { return String(UnicodeScalar(byte)) }
            let hex = String(byte, radix: 16)
            return "\\x" + (hex.count == 1 ? "0" + hex : hex)
        }.joined()
    }
}
