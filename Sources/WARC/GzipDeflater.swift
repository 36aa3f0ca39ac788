import CZlib

/// Compresses byte buffers into complete, independent gzip members (zlib, windowBits 31,
/// level 6), reusing one zlib stream between members.
final class GzipDeflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private var ready = false

    init(level: Int32 = 6) {
        // The z_stream must not move: zlib keeps a pointer back to it in its state.
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = deflateInit2_(
            stream, level, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        ready = status == Z_OK
    }

    deinit {
        if ready { deflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// One gzip member holding `input`; nil only when zlib could not be set up (out of memory).
    func member(_ input: [UInt8]) -> [UInt8]? {
        guard ready else { return nil }
        guard deflateReset(stream) == Z_OK else { return nil }
        let bound = Int(deflateBound(stream, uLong(input.count))) + 32
        var output = [UInt8](repeating: 0, count: bound)
        var produced = 0
        var ok = false
        input.withUnsafeBytes { inBuffer in
            output.withUnsafeMutableBytes { outBuffer in
                stream.pointee.next_in = UnsafeMutablePointer(
                    mutating: inBuffer.baseAddress?.assumingMemoryBound(to: Bytef.self))
                stream.pointee.avail_in = uInt(inBuffer.count)
                stream.pointee.next_out = outBuffer.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(outBuffer.count)
                let status = deflate(stream, Z_FINISH)
                ok = status == Z_STREAM_END
                produced = outBuffer.count - Int(stream.pointee.avail_out)
                stream.pointee.next_in = nil
                stream.pointee.next_out = nil
            }
        }
        guard ok else { return nil }
        output.removeSubrange(produced...)
        return output
    }
}
