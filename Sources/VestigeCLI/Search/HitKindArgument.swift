import ArchiveIndex
public import ArgumentParser

/// `--kind post|page|media`.
public enum HitKindArgument: String, CaseIterable, Sendable, ExpressibleByArgument {
    /// Posts only.
    case post
    /// Crawled HTML pages only.
    case page
    /// Images and videos only.
    case media

    /// The index's kind.
    var kind: HitKind {
        switch self {
        case .post: .post
        case .page: .page
        case .media: .media
        }
    }
}
