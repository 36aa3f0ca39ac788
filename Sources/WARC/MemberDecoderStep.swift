/// What one `MemberDecoder.step` did.
struct MemberDecoderStep {
    /// Input bytes used.
    var consumed: Int
    /// Output bytes written.
    var produced: Int
    /// True when the member (gzip member, zstd frame) ended with this step.
    var memberEnded: Bool
}
