import Crypto

/// SHA-256 of whole files read in chunks (WARC files run to about 1 GB), for manifests and WACZ
/// packages, and of byte strings, for hash chains.
public enum FileDigest {
    /// The SHA-256 of the file at `path` as 64 lower-case hex digits, with its size in bytes.
    public static func sha256(path: String) throws(WARCError) -> (hex: String, size: Int64) {
        var file = try POSIXFile.openForReading(path)
        defer { try? file.close() }
        var hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var offset: Int64 = 0
        while true {
            let count = try file.read(into: buffer, count: buffer.count, at: offset)
            if count == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            offset += Int64(count)
        }
        return (ASCII.hex(hasher.finalize()), offset)
    }

    /// The SHA-256 of `bytes`.
    public static func sha256(_ bytes: some Collection<UInt8>) -> [UInt8] {
        Array(SHA256.hash(data: Array(bytes)))
    }

    /// `bytes` as lower-case hex.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String { ASCII.hex(bytes) }

    /// The bytes of a hex string of even length; nil when it holds anything else.
    public static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = ASCII.hexValue(digits[index]), let low = ASCII.hexValue(digits[index + 1]) else {
                return nil
            }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }
}
