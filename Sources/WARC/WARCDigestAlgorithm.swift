/// The hash functions used for `WARC-Block-Digest` and `WARC-Payload-Digest`.
public enum WARCDigestAlgorithm: String, Sendable, CaseIterable {
    /// SHA-1, the form almost every WARC tool writes and compares (`sha1:` + 32 base32 characters).
    case sha1
    /// SHA-256 (`sha256:` + 56 base32 characters, padding included).
    case sha256

    /// Length of the digest in bytes.
    public var byteCount: Int {
        switch self {
        case .sha1: return 20
        case .sha256: return 32
        }
    }

    /// The algorithm for a label such as `sha1`, `SHA-1`, `sha256` or `sha-256`; nil otherwise.
    public init?(label: String) {
        let normalized = String(label.lowercased().filter { $0 != "-" && $0 != "_" })
        switch normalized {
        case "sha1": self = .sha1
        case "sha256": self = .sha256
        default: return nil
        }
    }
}
