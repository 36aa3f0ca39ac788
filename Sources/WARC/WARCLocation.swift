/// Where a record lies: what the index stores so that the record can be read back alone.
public struct WARCLocation: Sendable, Hashable {
    /// File name relative to the WARC directory, such as `vestige-20261125143000-00000.warc.gz`.
    public let filename: String
    /// Byte offset of the record's gzip member in the file.
    public let offset: Int64
    /// Compressed length of the member in bytes.
    public let length: Int64
    /// The record's `WARC-Record-ID`.
    public let recordID: String
    /// The record's `WARC-Payload-Digest`, when it has one.
    public let payloadDigest: WARCDigest?

    /// A location with these values.
    public init(filename: String, offset: Int64, length: Int64, recordID: String, payloadDigest: WARCDigest?) {
        self.filename = filename
        self.offset = offset
        self.length = length
        self.recordID = recordID
        self.payloadDigest = payloadDigest
    }
}
