/// Decompresses one compressed member at a time (a gzip member, a zstd frame) for `WARCReader`,
/// which owns the raw input and the output buffer and calls `step` until the member ends.
protocol MemberDecoder: AnyObject {
    /// Prepares for a new member.
    func reset() throws(MemberDecoderFailure)

    /// Decodes from `input` into `output`; stops at the end of the member, when the input is used
    /// up or the output is full. Never writes more than `output.count` bytes.
    func step(input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer) throws(MemberDecoderFailure)
        -> MemberDecoderStep
}
