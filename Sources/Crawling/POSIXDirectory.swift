#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Creating folders, with errors that name the path.
enum POSIXDirectory {
    /// Creates `path` and its missing parents (like `mkdir -p`).
    static func make(_ path: String) throws(ArchiveFolderError) {
        var built = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            built += "/" + component
            if mkdir(built, 0o755) != 0 && errno != EEXIST {
                throw ArchiveFolderError(path: built, reason: String(cString: strerror(errno)))
            }
        }
    }
}

/// An archive folder that cannot be created or used.
public struct ArchiveFolderError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot create folder \(path): \(reason)" }
}
