/// One archived HTTP response, as an adapter reads it: from the crawler while crawling, or
/// from a WARC record when the index is rebuilt.
public struct AdapterInput: Sendable {
    /// The URL that was fetched (absolute).
    public var url: String
    /// The HTTP status code.
    public var status: Int
    /// The response header fields, in the order received.
    public var headers: [(name: String, value: String)]
    /// The payload, de-chunked and content-decoded.
    public var payload: [UInt8]
    /// The media type, `Content-Type` without parameters, lower-cased (e.g. `application/json`).
    public var contentType: String?

    /// An input; `contentType` defaults to the `Content-Type` header's media type.
    public init(
        url: String, status: Int = 200, headers: [(name: String, value: String)] = [], payload: [UInt8],
        contentType: String? = nil
    ) {
        self.url = url
        self.status = status
        self.headers = headers
        self.payload = payload
        let raw = contentType ?? headers.first(where: { $0.name.lowercased() == "content-type" })?.value
        self.contentType = raw.flatMap(Self.mediaType)
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first(where: { $0.name.lowercased() == wanted })?.value
    }

    /// Every value of header `name` (case-insensitive), in order.
    public func headerValues(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return headers.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    /// The URL's path (without query or fragment); "/" when it has none.
    var path: String { URLParts(url)?.path ?? "" }

    /// Whether the status is 2xx.
    var isSuccess: Bool { (200..<300).contains(status) }

    /// Whether the payload is JSON: by media type, or (without one) by its first non-blank byte.
    var isJSON: Bool {
        if let type = contentType { return type.hasSuffix("json") || type.hasSuffix("+json") }
        let first = payload.prefix(1024).first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) })
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    /// `text/html; charset=utf-8` → `text/html`.
    static func mediaType(_ value: String) -> String? {
        let type = value.split(separator: ";", maxSplits: 1).first.map { $0.trimmingBlanks().lowercased() } ?? ""
        return type.isEmpty ? nil : type
    }
}
