/// Caps that keep a hostile ZIP from exhausting memory or disk: more entries, a larger central
/// directory or a larger entry than these is refused before anything is inflated.
public struct ZIPReaderLimits: Sendable, Hashable {
    /// Most entries accepted.
    public var maxEntries: Int
    /// Largest central directory read into memory, in bytes.
    public var maxCentralDirectoryBytes: Int
    /// Largest entry (uncompressed) accepted, in bytes.
    public var maxEntryBytes: UInt64
    /// Longest entry name, in bytes.
    public var maxNameBytes: Int

    /// Limits for WACZ packages: 200,000 entries, a 64 MB central directory, 64 GB per entry,
    /// 1,024-byte names.
    public init(
        maxEntries: Int = 200_000, maxCentralDirectoryBytes: Int = 64 << 20, maxEntryBytes: UInt64 = 64 << 30,
        maxNameBytes: Int = 1024
    ) {
        self.maxEntries = maxEntries
        self.maxCentralDirectoryBytes = maxCentralDirectoryBytes
        self.maxEntryBytes = maxEntryBytes
        self.maxNameBytes = maxNameBytes
    }
}
