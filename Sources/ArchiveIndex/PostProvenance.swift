/// Where a post's current content came from: a WARC record, or a line of a JSONL dump.
public struct PostProvenance: Sendable, Hashable {
    /// When this content was seen (ISO 8601 UTC): the WARC-Date, or the import time for dumps.
    public var seenAt: String?
    /// WARC file name.
    public var warcFile: String?
    /// Offset of the record's gzip member.
    public var warcOffset: Int64?
    /// Length of the record's gzip member.
    public var warcLength: Int64?
    /// `WARC-Record-ID`.
    public var recordID: String?
    /// `WARC-Payload-Digest`, or `sha256:` of the dump line.
    public var payloadDigest: String?
    /// Dump file.
    public var sourceFile: String?
    /// Line in the dump file.
    public var sourceLine: Int?

    /// Provenance with these values.
    public init(
        seenAt: String? = nil, warcFile: String? = nil, warcOffset: Int64? = nil, warcLength: Int64? = nil,
        recordID: String? = nil, payloadDigest: String? = nil, sourceFile: String? = nil, sourceLine: Int? = nil
    ) {
        self.seenAt = seenAt
        self.warcFile = warcFile
        self.warcOffset = warcOffset
        self.warcLength = warcLength
        self.recordID = recordID
        self.payloadDigest = payloadDigest
        self.sourceFile = sourceFile
        self.sourceLine = sourceLine
    }
}
