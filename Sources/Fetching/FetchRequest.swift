/// One HTTP request for `CurlClient.fetch(_:)`.
public struct FetchRequest: Sendable {
    /// The absolute http:// or https:// URL.
    public var url: String
    /// GET or HEAD.
    public var method: HTTPMethod
    /// Extra header fields, e.g. `["Range": "bytes=0-65535"]`; an empty value sends an empty field.
    public var headers: HTTPHeaders
    /// Overrides `FetchConfiguration.maxBodyBytes` for this request.
    public var maxBodyBytes: Int?
    /// Overrides `FetchConfiguration.totalTimeout` for this request.
    public var totalTimeout: Duration?

    /// A request for this URL.
    public init(
        url: String, method: HTTPMethod = .get, headers: HTTPHeaders = [:], maxBodyBytes: Int? = nil,
        totalTimeout: Duration? = nil
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.maxBodyBytes = maxBodyBytes
        self.totalTimeout = totalTimeout
    }

    /// Why this request cannot be sent as it is (control characters in the URL, a malformed
    /// header field), or nil when it is well formed.
    func validationProblem() -> String? {
        if url.isEmpty { return "the URL is empty" }
        if url.utf8.contains(where: { $0 < 0x21 || $0 == 0x7F }) {
            return "the URL contains a space or a control character"
        }
        let lowerURL = url.lowercased()
        if !lowerURL.hasPrefix("http://") && !lowerURL.hasPrefix("https://") {
            return "only http:// and https:// URLs can be fetched"
        }
        for field in headers {
            if field.name.isEmpty || !field.name.utf8.allSatisfy(Self.isTokenByte) {
                return "header name \"\(field.name)\" is not a valid HTTP token"
            }
            if field.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) {
                return "header \(field.name) contains a line break or NUL"
            }
        }
        return nil
    }

    /// RFC 9110 `tchar`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}
