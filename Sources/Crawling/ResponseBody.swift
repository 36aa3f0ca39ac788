import Fetching
import WARC

/// The entity of a response as a reader needs it: de-chunked and content-decoded (the WARC
/// keeps the bytes as the server sent them).
enum ResponseBody {
    /// The payload to parse links or media headers from; the raw body when decoding fails.
    static func decodedPayload(_ response: FetchResponse, limit: Int = 64 << 20) -> [UInt8] {
        let payload = HTTPResponseBlock(parsing: response.rawResponse).map { Array($0.payload) } ?? response.body
        return HTTPContentDecoder.decode(payload, contentEncoding: response.headers["Content-Encoding"], limit: limit)
            ?? payload
    }
}
