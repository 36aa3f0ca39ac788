import ArchiveIndex
public import ArgumentParser

/// `--sort relevance|time`.
public enum SearchSortArgument: String, CaseIterable, Sendable, ExpressibleByArgument {
    /// Best match first (newest first without a query).
    case relevance
    /// Newest first.
    case time

    /// The index's order.
    var sort: SearchSort { self == .time ? .time : .relevance }
}
