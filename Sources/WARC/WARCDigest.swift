/// A digest as written in `WARC-Block-Digest` / `WARC-Payload-Digest`: `sha1:` + base32.
///
/// Written form: `algorithm:` + RFC 4648 base32, upper case. SHA-1 (20 bytes) gives exactly 32
/// characters, no padding. SHA-256 (32 bytes) gives 52 characters plus the RFC's `====` padding
/// (56 in all): that is what warcio writes, and warcio's checker (1.8) reads an unpadded
/// 52-character value as base64 and reports a mismatch, while it accepts padded base32 and hex.
/// pywb compares digests as text, so writers should stick to one form; this module always writes
/// the padded one. Reading accepts base32 (padded or not, any case), hex and base64.
public struct WARCDigest: Sendable, Hashable, CustomStringConvertible {
    /// The hash function.
    public let algorithm: WARCDigestAlgorithm
    /// The raw digest bytes (20 for SHA-1, 32 for SHA-256).
    public let bytes: [UInt8]

    /// A digest from its algorithm and raw bytes.
    public init(algorithm: WARCDigestAlgorithm, bytes: [UInt8]) {
        self.algorithm = algorithm
        self.bytes = bytes
    }

    /// The digest of `data` in one call.
    public static func compute(_ data: some Collection<UInt8>, algorithm: WARCDigestAlgorithm = .sha1) -> WARCDigest {
        var digester = WARCDigester(algorithm: algorithm)
        digester.update(data)
        return digester.finalize()
    }

    /// The base32 part, as written after `algorithm:`.
    public var base32: String { Base32.encode(bytes, padding: true) }

    /// Lower-case hexadecimal form of the bytes.
    public var hex: String { ASCII.hex(bytes) }

    /// The header form, such as `sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ`.
    public var description: String { algorithm.rawValue + ":" + base32 }

    /// Parses `algorithm:value` where value is base32, hex or base64 of the right length; nil when
    /// the algorithm is unknown or the value does not decode to a digest of that algorithm.
    public init?(parsing text: String) {
        let trimmed = String(decoding: ASCII.trimmed(Array(text.utf8)[...]), as: UTF8.self)
        guard let colon = trimmed.firstIndex(of: ":"),
            let algorithm = WARCDigestAlgorithm(label: String(trimmed[..<colon]))
        else { return nil }
        let value = String(trimmed[trimmed.index(after: colon)...])
        let size = algorithm.byteCount
        if let decoded = Base32.decode(value), decoded.count == size {
            self.init(algorithm: algorithm, bytes: decoded)
        } else if value.utf8.count == size * 2, let decoded = Self.decodeHex(value) {
            self.init(algorithm: algorithm, bytes: decoded)
        } else if let decoded = Self.decodeBase64(value), decoded.count == size {
            self.init(algorithm: algorithm, bytes: decoded)
        } else {
            return nil
        }
    }

    static func decodeHex(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        var index = 0
        while index < chars.count {
            guard let high = ASCII.hexValue(chars[index]), let low = ASCII.hexValue(chars[index + 1]) else {
                return nil
            }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    static func decodeBase64(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for char in text.utf8 {
            let value: UInt32
            switch char {
            case 65...90: value = UInt32(char - 65)
            case 97...122: value = UInt32(char - 97 + 26)
            case 48...57: value = UInt32(char - 48 + 52)
            case UInt8(ascii: "+"), UInt8(ascii: "-"): value = 62
            case UInt8(ascii: "/"), UInt8(ascii: "_"): value = 63
            case UInt8(ascii: "="): continue
            default: return nil
            }
            buffer = (buffer << 6) | value
            bits += 6
            if bits >= 8 {
                out.append(UInt8((buffer >> UInt32(bits - 8)) & 0xFF))
                bits -= 8
            }
            buffer &= (1 << UInt32(bits)) - 1
        }
        return out
    }
}
