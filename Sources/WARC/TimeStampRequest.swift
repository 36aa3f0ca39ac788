/// An RFC 3161 `TimeStampReq` for a SHA-256 digest, DER-encoded, for submitting to a
/// time-stamping authority (`curl --data-binary @manifest.tsq -H 'Content-Type:
/// application/timestamp-query' TSA_URL > manifest.tsr`); the reply proves the digest existed then.
///
///     TimeStampReq ::= SEQUENCE { version INTEGER (1), messageImprint MessageImprint,
///         nonce INTEGER OPTIONAL, certReq BOOLEAN DEFAULT FALSE }
///     MessageImprint ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier, hashedMessage OCTET STRING }
public struct TimeStampRequest: Sendable, Hashable {
    /// DER of the SHA-256 object identifier 2.16.840.1.101.3.4.2.1.
    static let sha256OID: [UInt8] = [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01]

    /// The SHA-256 digest of the data to be time-stamped (32 bytes).
    public let digest: [UInt8]
    /// A random number the authority echoes, so a reply cannot be replayed for another request.
    public let nonce: UInt64

    /// A request for `digest` (a SHA-256, 32 bytes) with a random nonce unless one is given.
    public init(sha256 digest: [UInt8], nonce: UInt64 = UInt64.random(in: 1...UInt64.max)) {
        self.digest = digest
        self.nonce = nonce
    }

    /// The DER encoding; certReq is TRUE so the reply carries the authority's certificate.
    public var der: [UInt8] {
        let algorithm = Self.tlv(0x30, Self.sha256OID + [0x05, 0x00])
        let imprint = Self.tlv(0x30, algorithm + Self.tlv(0x04, digest))
        let body = Self.integer(1) + imprint + Self.integer(nonce) + [0x01, 0x01, 0xFF]
        return Self.tlv(0x30, body)
    }

    /// A DER INTEGER of a non-negative value: shortest big-endian form, a 0 byte in front when
    /// the top bit is set (DER integers are signed).
    static func integer(_ value: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = value
        repeat {
            bytes.insert(UInt8(truncatingIfNeeded: rest), at: 0)
            rest >>= 8
        } while rest > 0
        if let first = bytes.first, first & 0x80 != 0 { bytes.insert(0, at: 0) }
        return tlv(0x02, bytes)
    }

    /// Tag, DER length (short form below 128, else long form) and value.
    static func tlv(_ tag: UInt8, _ value: [UInt8]) -> [UInt8] {
        var length: [UInt8] = []
        if value.count < 0x80 {
            length = [UInt8(value.count)]
        } else {
            var rest = value.count
            while rest > 0 {
                length.insert(UInt8(truncatingIfNeeded: rest), at: 0)
                rest >>= 8
            }
            length.insert(0x80 | UInt8(length.count), at: 0)
        }
        return [tag] + length + value
    }
}
