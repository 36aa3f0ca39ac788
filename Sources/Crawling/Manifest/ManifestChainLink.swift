import ArchiveIndex
import WARC

/// One line of `manifest-chain.jsonl`: a closed WARC file and the link that ties it to every
/// file closed before it. `link = SHA-256(previous link ‖ file SHA-256 ‖ UTF-8 of file)`, with
/// 32 zero bytes as the first file's previous link, so changing, removing or reordering any
/// earlier line breaks every link after it.
public struct ManifestChainLink: Sendable, Hashable {
    /// The previous link of the first line: 64 zeros.
    public static let genesis = String(repeating: "0", count: 64)

    /// The file's path relative to the archive folder, `warc/NAME.warc.gz`.
    public var file: String
    /// SHA-256 of the file, hex.
    public var sha256: String
    /// Size in bytes.
    public var size: Int64
    /// The link of the line before (hex), or `genesis`.
    public var previous: String
    /// This line's link (hex).
    public var link: String
    /// When the crawl closed the file (ISO 8601 UTC).
    public var closedAt: String

    /// A new link after `previous` for `file` with digest `sha256`.
    public init(file: String, sha256: String, size: Int64, previous: String, closedAt: String) {
        self.file = file
        self.sha256 = sha256
        self.size = size
        self.previous = previous
        self.closedAt = closedAt
        link = Self.link(previous: previous, sha256: sha256, file: file) ?? ""
    }

    /// The link over `previous`, `sha256` (both hex) and `file`; nil when a hex value is malformed.
    public static func link(previous: String, sha256: String, file: String) -> String? {
        guard let previousBytes = FileDigest.bytes(hex: previous), previousBytes.count == 32,
            let digestBytes = FileDigest.bytes(hex: sha256), digestBytes.count == 32
        else { return nil }
        return FileDigest.hex(FileDigest.sha256(previousBytes + digestBytes + Array(file.utf8)))
    }

    /// The line as written (no line break).
    public var jsonLine: String {
        "{\"file\": \(JSONValue.quoted(file)), \"sha256\": \"\(sha256)\", \"size\": \(size), "
            + "\"previous\": \"\(previous)\", \"link\": \"\(link)\", \"closed_at\": \(JSONValue.quoted(closedAt))}"
    }

    /// Parses one line; nil when it is not an object with these fields.
    public init?(jsonLine: String) {
        guard let object = try? JSONParser.parse(Array(jsonLine.utf8)), case .object = object,
            let file = object["file"]?.string, let sha256 = object["sha256"]?.string,
            case .number(let sizeText)? = object["size"], let size = Int64(sizeText),
            let previous = object["previous"]?.string, let link = object["link"]?.string
        else { return nil }
        self.file = file
        self.sha256 = sha256
        self.size = size
        self.previous = previous
        self.link = link
        closedAt = object["closed_at"]?.string ?? ""
    }
}
