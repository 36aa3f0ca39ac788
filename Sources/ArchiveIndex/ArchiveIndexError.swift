/// Failures of the index that a person can act on, each naming the file at fault.
public enum ArchiveIndexError: Error, Sendable, Equatable, CustomStringConvertible {
    /// There is no archive database at the path.
    case noArchive(String)
    /// The database exists but has no search index (an older vestige, or not an archive).
    case noSearchIndex(String)
    /// The index was made by an older vestige and needs its migrations (a writing command runs them).
    case outdatedIndex(String)
    /// SQLite refused an operation; `context` says which.
    case database(path: String, context: String, message: String)
    /// A system library the operation needs (libxml2 for HTML pages) cannot be loaded.
    case missingLibrary(String)

    public var description: String {
        switch self {
        case .noArchive(let path):
            "no archive at \(path): give the folder a crawl or import wrote (--archive DIR)"
        case .noSearchIndex(let path):
            "\(path) has no search index; open it once with a writing command (vestige import or reindex) to add it"
        case .outdatedIndex(let path):
            "\(path) was indexed by an older vestige: run `vestige upgrade --archive DIR` once "
                + "(it migrates the index in place in seconds; nothing is imported again)"
        case .database(let path, let context, let message):
            "\(path): \(context) failed: \(message)"
        case .missingLibrary(let problem):
            problem
        }
    }
}
