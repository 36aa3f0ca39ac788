/// Why a `MemberDecoder` could not go on; `WARCReader` turns it into a `WARCError` with the file
/// and the member's offset.
enum MemberDecoderFailure: Error, Equatable {
    /// The compressed data is damaged; the library's explanation.
    case corrupt(String)
    /// The library could not be set up (out of memory).
    case setup
    /// A zstd frame names dictionary `needed`; the file carries `carried` (nil: no usable one).
    case dictionaryMismatch(needed: UInt32, carried: UInt32?)
}
