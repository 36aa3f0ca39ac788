/// What libcurl reports about a finished transfer, in Swift types.
struct CurlTransferInfo {
    var statusCode: Int
    var httpVersion: HTTPVersion
    var remoteIP: String
    var remotePort: Int
    var redirectURL: String?
    var newConnections: Int
    var timings: FetchTimings
}
