/// One search result with its provenance: where in which WARC file (or dump line) it came from.
public struct SearchHit: Sendable, Hashable {
    /// Marks the start of a highlighted match in `snippet` (replaced by the output format).
    public static let highlightStart: Character = "\u{1}"
    /// Marks the end of a highlighted match in `snippet`.
    public static let highlightEnd: Character = "\u{2}"

    /// Post, page or media.
    public var kind: HitKind
    /// Row id in the kind's table.
    public var id: Int64
    /// Platform of a post.
    public var platform: String?
    /// Platform id of a post.
    public var postID: String?
    /// The URL.
    public var url: String?
    /// Page title.
    public var title: String?
    /// Post text (whole).
    public var body: String?
    /// Matching excerpt with `highlightStart`/`highlightEnd` around matches (text queries only).
    public var snippet: String?
    /// The author's handle (media: of the post they belong to).
    public var author: String?
    /// ISO 8601 UTC: posted (post), fetched (page) or taken (media).
    public var createdAt: String?
    /// The original offset of `createdAt` ("-05:00") when known.
    public var createdOffset: String?
    /// Latitude, signed decimal degrees.
    public var latitude: Double?
    /// Longitude, signed decimal degrees.
    public var longitude: Double?
    /// True when the position is exactly 0,0.
    public var nullIsland: Bool
    /// When the post was seen deleted.
    public var deletedAt: String?
    /// Distance from the --near centre, kilometres.
    public var distanceKilometres: Double?
    /// bm25 score (lower is better) for ranked text queries.
    public var score: Double?
    /// MIME type (pages and media).
    public var mimeType: String?
    /// WARC file the record is in.
    public var warcFile: String?
    /// Offset of the record (its gzip member) in `warcFile`.
    public var warcOffset: Int64?
    /// Length of the record's gzip member.
    public var warcLength: Int64?
    /// `WARC-Record-ID`.
    public var recordID: String?
    /// `WARC-Payload-Digest` (or, for a dump line, the SHA-256 of the line).
    public var payloadDigest: String?
    /// Dump file a post was imported from.
    public var sourceFile: String?
    /// Line in `sourceFile`.
    public var sourceLine: Int64?
    /// Earlier texts of an edited post, oldest first (filled for `SearchRequest.historyOnly`).
    public var versions: [PostVersion] = []

    /// A hit of `kind` with row id `id` and nothing else set.
    public init(kind: HitKind, id: Int64) {
        self.kind = kind
        self.id = id
        nullIsland = false
    }

    /// `snippet` with the highlight marks replaced by `open` and `close`.
    public func snippet(open: String, close: String) -> String? {
        guard let snippet else { return nil }
        var out = ""
        for character in snippet {
            switch character {
            case Self.highlightStart: out += open
            case Self.highlightEnd: out += close
            default: out.append(character)
            }
        }
        return out
    }
}
