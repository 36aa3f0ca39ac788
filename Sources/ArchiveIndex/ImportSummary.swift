/// What an import did, counted per item (post, page, media file or capture).
public struct ImportSummary: Sendable, Hashable, CustomStringConvertible {
    /// New items stored.
    public var imported = 0
    /// Known items whose content changed (the old text is kept in `post_versions`).
    public var updated = 0
    /// Known items seen again unchanged.
    public var unchanged = 0
    /// Lines or records that could not be imported (each reported as an `ImportProblem`).
    public var bad = 0
    /// Records read but not indexed (requests, metadata, non-HTML/non-media responses).
    public var skipped = 0

    /// An empty summary.
    public init() {}

    /// Adds another summary's counts.
    public mutating func add(_ other: ImportSummary) {
        imported += other.imported
        updated += other.updated
        unchanged += other.unchanged
        bad += other.bad
        skipped += other.skipped
    }

    /// "imported 3, updated 1, unchanged 10, bad 2".
    public var description: String {
        var text = "imported \(imported), updated \(updated), unchanged \(unchanged), bad \(bad)"
        if skipped > 0 { text += ", skipped \(skipped)" }
        return text
    }
}
