/// An earlier text of an edited post, as it was archived before the edit was seen.
public struct PostVersion: Sendable, Hashable {
    /// When this text was seen (ISO 8601 UTC).
    public var seenAt: String?
    /// The text then.
    public var body: String
    /// The WARC record (or dump line) it was read from.
    public var recordID: String?
    public var payloadDigest: String?
    public var sourceFile: String?
    public var sourceLine: Int64?

    public init(
        seenAt: String?, body: String, recordID: String?, payloadDigest: String?, sourceFile: String?,
        sourceLine: Int64?
    ) {
        self.seenAt = seenAt
        self.body = body
        self.recordID = recordID
        self.payloadDigest = payloadDigest
        self.sourceFile = sourceFile
        self.sourceLine = sourceLine
    }
}
