/// The dictionary a `.warc.zst` carries at its start, as wget-at writes it: a skippable frame
/// (magic 0x184D2A5D, a 4-byte little-endian size, then the dictionary), the dictionary itself
/// optionally zstd-compressed.
struct ZstdDictionary {
    /// Largest dictionary accepted, compressed or not (real ones are a few hundred KiB).
    static let sizeLimit = 64 << 20

    /// The dictionary, decompressed.
    var bytes: [UInt8]

    /// The dictionary at the start of `file`; nil when the file does not start with a
    /// dictionary frame.
    static func read(from file: POSIXFile, path: String) throws(WARCError) -> ZstdDictionary? {
        let head = try readBytes(file, at: 0, count: 8)
        guard head.starts(with: WARCCompression.zstdDictionaryMagic) else { return nil }
        guard head.count == 8 else {
            throw .invalidZstd(file: path, offset: 0, reason: "the file ends inside the dictionary frame's header")
        }
        let size = Int(head[4]) | Int(head[5]) << 8 | Int(head[6]) << 16 | Int(head[7]) << 24
        guard size > 0 else { throw .invalidZstd(file: path, offset: 0, reason: "the dictionary frame is empty") }
        guard size <= sizeLimit else {
            throw .invalidZstd(
                file: path, offset: 0,
                reason: "the dictionary frame declares \(size) bytes, above the limit of \(sizeLimit)")
        }
        let payload = try readBytes(file, at: 8, count: size)
        guard payload.count == size else {
            throw .invalidZstd(
                file: path, offset: 0,
                reason: "the dictionary frame declares \(size) bytes but the file ends after \(payload.count)")
        }
        guard payload.starts(with: WARCCompression.zstdFrameMagic) else { return ZstdDictionary(bytes: payload) }
        do throws(MemberDecoderFailure) {
            return ZstdDictionary(bytes: try ZstdFrameDecoder.decompressFrame(payload, limit: sizeLimit))
        } catch {
            throw .invalidZstd(file: path, offset: 0, reason: "the compressed dictionary \(describe(error))")
        }
    }

    private static func describe(_ failure: MemberDecoderFailure) -> String {
        switch failure {
        case .corrupt(let reason): "cannot be decompressed: \(reason)"
        case .setup: "cannot be decompressed: zstd setup failed"
        case .dictionaryMismatch(let needed, _): "needs another dictionary (\(needed))"
        }
    }

    /// Up to `count` bytes at `offset`; fewer only at the end of the file.
    private static func readBytes(_ file: POSIXFile, at offset: Int64, count: Int) throws(WARCError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        var failure: WARCError?
        bytes.withUnsafeMutableBytes { buffer in
            while filled < count {
                do throws(WARCError) {
                    let read = try file.read(
                        into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]), count: count - filled,
                        at: offset + Int64(filled))
                    if read == 0 { return }
                    filled += read
                } catch {
                    failure = error
                    return
                }
            }
        }
        if let failure { throw failure }
        return Array(bytes[0..<filled])
    }
}
