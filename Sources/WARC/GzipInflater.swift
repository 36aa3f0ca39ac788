import CZlib

/// Inflates one gzip member at a time (zlib, windowBits 31), reset between members so that
/// each member's end is seen.
final class GzipInflater: MemberDecoder {
    private let stream: UnsafeMutablePointer<z_stream>
    private var ready = false

    init() {
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        ready = inflateInit2_(stream, 31, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
    }

    deinit {
        if ready { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Prepares for a new member.
    func reset() throws(MemberDecoderFailure) {
        guard ready else { throw .setup }
        guard inflateReset(stream) == Z_OK else { throw .setup }
    }

    /// Inflates from `input` into `output`; stops at the end of the member, when the input is
    /// used up or the output is full.
    func step(input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer) throws(MemberDecoderFailure)
        -> MemberDecoderStep
    {
        guard ready else { throw .setup }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(output.count)
        let status = inflate(stream, Z_NO_FLUSH)
        let step = MemberDecoderStep(
            consumed: input.count - Int(stream.pointee.avail_in),
            produced: output.count - Int(stream.pointee.avail_out),
            memberEnded: status == Z_STREAM_END)
        let message = stream.pointee.msg.map { String(cString: $0) }
        stream.pointee.next_in = nil
        stream.pointee.next_out = nil
        switch status {
        case Z_OK, Z_STREAM_END, Z_BUF_ERROR:
            return step
        case Z_NEED_DICT:
            throw .corrupt("member needs a preset dictionary")
        case Z_MEM_ERROR:
            throw .corrupt("out of memory")
        default:
            throw .corrupt(message ?? "inflate error \(status)")
        }
    }
}
