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

/// File names in a folder that end with one of `suffixes`, sorted by byte value; empty when the
/// folder does not exist. Hidden entries are skipped.
public func directoryEntries(_ path: String, suffixes: [String]) -> [String] {
    guard let handle = opendir(path) else { return [] }
    defer { closedir(handle) }
    var names: [String] = []
    while let entry = readdir(handle) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if !name.hasPrefix("."), suffixes.contains(where: { name.hasSuffix($0) }) { names.append(name) }
    }
    return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
}

/// True when `path` exists.
public func fileExists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
}

/// An archive folder that cannot be created or used.
public struct ArchiveFolderError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot create folder \(path): \(reason)" }
}
