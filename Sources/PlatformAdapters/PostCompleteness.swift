/// How much of a post a source carries, so that of two readings of one post the fuller one is
/// kept (`PostStore` in ArchiveIndex) and a poorer one changes nothing.
public enum PostCompleteness: Int, Sendable, Comparable, CaseIterable {
    /// Feeds: the fewest fields (often a shortened body and no place).
    case summary = 1
    /// HTML pages (JSON-LD, OpenGraph, selectors): most fields.
    case page = 2
    /// Platform APIs and dumps: every field the platform keeps.
    case complete = 3

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
