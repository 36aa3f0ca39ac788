/// Why a raw deflate stream could not be inflated.
struct RawInflaterFailure: Error {
    /// zlib's message.
    let reason: String
}
