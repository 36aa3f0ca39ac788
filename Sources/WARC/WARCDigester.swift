import Crypto

/// Computes a `WARCDigest` incrementally, for blocks that arrive in pieces.
public struct WARCDigester: Sendable {
    // Two optionals rather than an enum with payloads: optional chaining mutates the hasher in
    // place, so its copy-on-write context is never duplicated on each update.
    private var sha1: Insecure.SHA1?
    private var sha256: SHA256?

    /// The algorithm this digester computes.
    public let algorithm: WARCDigestAlgorithm

    /// A digester for `algorithm`, with nothing hashed yet.
    public init(algorithm: WARCDigestAlgorithm = .sha1) {
        self.algorithm = algorithm
        switch algorithm {
        case .sha1: sha1 = Insecure.SHA1()
        case .sha256: sha256 = SHA256()
        }
    }

    /// Adds `bytes` to the data hashed so far.
    public mutating func update(_ bytes: some Collection<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            update(UnsafeRawBufferPointer(buffer))
        }
        if done == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { update($0) }
        }
    }

    /// Adds the bytes of `buffer` to the data hashed so far.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        sha1?.update(bufferPointer: buffer)
        sha256?.update(bufferPointer: buffer)
    }

    /// The digest of everything added so far (the digester can keep being updated afterwards).
    public func finalize() -> WARCDigest {
        if let sha256 {
            return WARCDigest(algorithm: .sha256, bytes: Array(sha256.finalize()))
        }
        let bytes = sha1.map { Array($0.finalize()) } ?? []
        return WARCDigest(algorithm: .sha1, bytes: bytes)
    }
}
