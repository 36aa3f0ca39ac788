import GRDB

/// The ranges of one media file archived header-only (206 responses), gathered during an import.
struct PartialMedia {
    /// The whole file's size (Content-Range's total).
    let total: Int
    /// Media type of the first range.
    let mime: String?
    /// (offset, bytes) of every range seen.
    private(set) var segments: [(offset: Int, bytes: [UInt8])] = []
    /// Provenance of the range that starts the file (else the first one seen).
    private(set) var provenance: [(any DatabaseValueConvertible)?] = []
    private(set) var fetchedAt: String?
    private var provenanceOffset = Int.max

    init(total: Int, mime: String?) {
        self.total = total
        self.mime = mime
    }

    /// Most bytes kept per file: header-only ranges are small; this bounds a hostile archive.
    static let maxBytes = 64 << 20

    mutating func add(offset: Int, bytes: [UInt8], fetchedAt: String?, provenance: [(any DatabaseValueConvertible)?]) {
        guard segments.reduce(0, { $0 + $1.bytes.count }) + bytes.count <= Self.maxBytes else { return }
        segments.append((offset, bytes))
        if offset < provenanceOffset {
            provenanceOffset = offset
            self.provenance = provenance
            self.fetchedAt = fetchedAt
        }
    }
}
