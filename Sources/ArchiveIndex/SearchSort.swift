/// The order of search hits.
public enum SearchSort: String, Sendable, Hashable, CaseIterable {
    /// Best text match first (bm25); newest first when there is no text query.
    case relevance
    /// Newest first.
    case time
}
