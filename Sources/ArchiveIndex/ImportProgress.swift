/// How far an import has got, for a progress line.
public struct ImportProgress: Sendable, Hashable {
    /// The file being read.
    public var file: String
    /// Bytes of it read so far.
    public var bytesRead: Int64
    /// Its size, when known.
    public var totalBytes: Int64?
    /// Counts so far for this file.
    public var summary: ImportSummary
}
