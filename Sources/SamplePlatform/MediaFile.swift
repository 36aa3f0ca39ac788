/// One media file: its `media.json` entry, its bytes and the metadata-stripped transcode.
struct MediaFile: Sendable {
    /// A `media.json` entry.
    struct Entry: Decodable, Sendable {
        let name: String
        /// `image` or `video`.
        let type: String
        let mimeType: String
        let width: Int?
        let height: Int?
        let duration: Double?

        enum CodingKeys: String, CodingKey {
            case name, type, width, height, duration
            case mimeType = "mime_type"
        }
    }

    let entry: Entry
    let original: [UInt8]
    let transcoded: [UInt8]
    let originalETag: String
    let transcodedETag: String

    init(entry: Entry, original: [UInt8]) {
        self.entry = entry
        self.original = original
        self.transcoded = MetadataStripper.strip(original, mimeType: entry.mimeType)
        self.originalETag = Self.etag(original)
        self.transcodedETag = Self.etag(transcoded)
    }

    var name: String { entry.name }
    var isVideo: Bool { entry.type == "video" }

    /// A strong ETag: 64-bit FNV-1a of the bytes, quoted.
    static func etag(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }
}
