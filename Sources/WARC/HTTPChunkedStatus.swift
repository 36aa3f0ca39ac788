/// How the chunked transfer coding of an HTTP body was undone.
public enum HTTPChunkedStatus: Sendable, Hashable {
    /// The response did not use `Transfer-Encoding: chunked`; the payload is the body as is.
    case notChunked
    /// Every chunk, the last (zero-size) chunk and the trailers were present.
    case complete
    /// The body ends inside a chunk or before the last chunk: the payload holds the data received.
    case truncated
    /// A chunk-size line at `bodyOffset` (counted from the start of the body) is not valid; the
    /// payload is then the raw, still-chunked body.
    case malformed(bodyOffset: Int)
}
