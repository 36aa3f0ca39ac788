import CZlib

/// Gzip streams that inflate to gigabytes of zeros, built without compressing gigabytes: after a
/// full flush deflate starts afresh, so every further mebibyte of zeros compresses to the same
/// bytes, which are repeated. The trailer carries the right CRC-32 and size, so the stream is
/// valid to its end.
enum GzipBomb {
    /// A gzip stream of `mebibytes` MiB of zeros (at least 3), or nil when zlib cannot be set up.
    static func zeros(mebibytes: Int) -> [UInt8]? {
        guard mebibytes >= 3 else { return nil }
        var stream = z_stream()
        guard
            deflateInit2_(
                &stream, 9, Z_DEFLATED, 31, 9, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
                == Z_OK
        else { return nil }
        defer { deflateEnd(&stream) }
        let chunk = [UInt8](repeating: 0, count: 1 << 20)
        func deflateStep(_ input: [UInt8], flush: Int32) -> [UInt8]? {
            var output = [UInt8](repeating: 0, count: 1 << 16)
            var produced = 0
            let status = input.withUnsafeBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer -> Int32 in
                    stream.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress)
                    stream.avail_in = uInt(inBuffer.count)
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = uInt(outBuffer.count)
                    let status = deflate(&stream, flush)
                    produced = outBuffer.count - Int(stream.avail_out)
                    return status
                }
            }
            guard status == Z_OK || status == Z_STREAM_END, stream.avail_in == 0, stream.avail_out > 0 else {
                return nil
            }
            return Array(output[0..<produced])
        }
        guard let first = deflateStep(chunk, flush: Z_FULL_FLUSH), let second = deflateStep(chunk, flush: Z_FULL_FLUSH),
            let third = deflateStep(chunk, flush: Z_FULL_FLUSH), second == third,
            var end = deflateStep([], flush: Z_FINISH), end.count >= 8
        else { return nil }
        var bomb = first
        for _ in 1..<mebibytes { bomb += second }
        // The trailer: CRC-32 and length (mod 2^32) of all the zeros, little-endian.
        let chunkCRC = chunk.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        var crc = chunkCRC
        for _ in 1..<mebibytes { crc = crc32_combine(crc, chunkCRC, .init(chunk.count)) }
        let size = UInt32(truncatingIfNeeded: mebibytes << 20)
        end.removeLast(8)
        bomb += end
        for shift in stride(from: 0, to: 32, by: 8) { bomb.append(UInt8(truncatingIfNeeded: UInt32(crc) >> shift)) }
        for shift in stride(from: 0, to: 32, by: 8) { bomb.append(UInt8(truncatingIfNeeded: size >> shift)) }
        return bomb
    }
}
