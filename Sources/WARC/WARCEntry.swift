/// A record read from a file, with where it lies.
public struct WARCEntry: Sendable, Hashable {
    /// The record.
    public let record: WARCRecord
    /// Offset of the gzip member or zstd frame holding the record (of the record itself in an
    /// uncompressed file).
    public let offset: Int64
    /// Compressed length of that member (length of the record and the line breaks after it in an
    /// uncompressed file). When one member holds several records (a whole file gzipped as one
    /// stream) it is the compressed bytes read up to the end of this record.
    public let length: Int64
    /// 0 for the first record of a gzip member; 1, 2, ... for further records in the same member,
    /// which cannot be read alone from `offset`.
    public let indexInMember: Int

    /// An entry with these values.
    public init(record: WARCRecord, offset: Int64, length: Int64, indexInMember: Int = 0) {
        self.record = record
        self.offset = offset
        self.length = length
        self.indexInMember = indexInMember
    }
}
