import CZlib

/// Inflates one raw deflate stream (RFC 1951, no zlib or gzip wrapper: zlib with windowBits -15),
/// as ZIP entries store it. One inflater per entry.
final class RawInflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private let ready: Bool

    init() {
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        ready = inflateInit2_(stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
    }

    deinit {
        if ready { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Inflates from `input` into `output`; returns the bytes consumed and produced and whether
    /// the stream ended. Throws the reason when the data is corrupt.
    func step(input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer) throws(RawInflaterFailure) -> (
        consumed: Int, produced: Int, ended: Bool
    ) {
        guard ready else { throw RawInflaterFailure(reason: "zlib could not be initialised") }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(output.count)
        let status = inflate(stream, Z_NO_FLUSH)
        let consumed = input.count - Int(stream.pointee.avail_in)
        let produced = output.count - Int(stream.pointee.avail_out)
        let message = stream.pointee.msg.map { String(cString: $0) }
        stream.pointee.next_in = nil
        stream.pointee.next_out = nil
        switch status {
        case Z_OK, Z_BUF_ERROR: return (consumed, produced, false)
        case Z_STREAM_END: return (consumed, produced, true)
        case Z_NEED_DICT: throw RawInflaterFailure(reason: "the stream needs a preset dictionary")
        case Z_MEM_ERROR: throw RawInflaterFailure(reason: "out of memory")
        default: throw RawInflaterFailure(reason: message ?? "inflate error \(status)")
        }
    }

    /// The CRC-32 of `bytes` continued from `crc` (0 to start).
    static func crc32(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return crc }
        return UInt32(CZlib.crc32(uLong(crc), base.assumingMemoryBound(to: Bytef.self), uInt(bytes.count)))
    }
}
