/// Limits and buffer sizes for `WARCReader`.
public struct WARCReaderOptions: Sendable, Hashable {
    /// Largest block (Content-Length) accepted; a larger one is reported with its offset and skipped.
    public var maxBlockSize: Int64
    /// Largest header section (version line and fields) accepted, in bytes.
    public var maxHeaderSize: Int
    /// Cap on the bytes inflated from a gzip member or zstd frame for one record (gzip and zstd
    /// bomb protection); for a whole-file stream the count restarts at each record. Nil: block
    /// cap + header cap + 1 MiB.
    public var maxInflatedMemberSize: Int64?
    /// Size of each read from the file.
    public var chunkSize: Int

    /// Options with the defaults: 512 MiB blocks, 1 MiB headers, 1 MiB reads.
    public init(
        maxBlockSize: Int64 = 512 << 20, maxHeaderSize: Int = 1 << 20, maxInflatedMemberSize: Int64? = nil,
        chunkSize: Int = 1 << 20
    ) {
        self.maxBlockSize = maxBlockSize
        self.maxHeaderSize = maxHeaderSize
        self.maxInflatedMemberSize = maxInflatedMemberSize
        self.chunkSize = chunkSize
    }

    /// The inflate cap in force.
    public var inflateLimit: Int64 {
        maxInflatedMemberSize ?? (maxBlockSize + Int64(maxHeaderSize) + (1 << 20))
    }
}
