/// One HTTP response before it is handed to the server library.
struct PlatformResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header (case-insensitive name).
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    static func html(_ text: String, status: Int = 200) -> PlatformResponse {
        PlatformResponse(
            status: status, headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(text.utf8))
    }

    static func json(_ bytes: [UInt8], status: Int = 200) -> PlatformResponse {
        PlatformResponse(status: status, headers: [("Content-Type", "application/json; charset=utf-8")], body: bytes)
    }

    static func xml(_ text: String, contentType: String) -> PlatformResponse {
        PlatformResponse(
            status: 200, headers: [("Content-Type", contentType + "; charset=utf-8")], body: Array(text.utf8))
    }

    static func text(_ text: String, status: Int = 200) -> PlatformResponse {
        PlatformResponse(
            status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array(text.utf8))
    }
}
