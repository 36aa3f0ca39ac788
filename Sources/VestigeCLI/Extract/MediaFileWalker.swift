import MediaMetadata

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns the paths given on the command line into the list of files to read, the way exiftool
/// does: named files always; in named folders only files with a media extension, and subfolders
/// only with `-r`. Symbolic links to folders are not followed (no loops); hidden entries are skipped.
public struct MediaFileWalker {
    /// Extensions read when walking folders (lower case): those of every format vestige reads.
    public static let mediaExtensions = Set(MediaFormat.allCases.flatMap(\.fileExtensions))

    /// Walk subfolders too.
    public var recursive: Bool

    /// A walker; `recursive` descends into subfolders.
    public init(recursive: Bool) { self.recursive = recursive }

    /// One item to process: a file path, or a path that could not be used and why.
    public enum Item: Equatable, Sendable {
        case file(String)
        case missing(String, reason: String)
    }

    /// The files under `paths`, each folder's entries sorted by byte value (stable across runs).
    public func items(for paths: [String]) -> [Item] {
        var items: [Item] = []
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else {
                items.append(.missing(path, reason: "File not found"))
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                walk(directory: path, depth: 0, into: &items)
            } else {
                items.append(.file(path))
            }
        }
        return items
    }

    private func walk(directory: String, depth: Int, into items: inout [Item]) {
        guard depth < 64, let handle = opendir(directory) else {
            items.append(.missing(directory, reason: "Error opening directory"))
            return
        }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        closedir(handle)
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        for name in names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            let path = base + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                if recursive { walk(directory: path, depth: depth + 1, into: &items) }
            case S_IFREG, S_IFLNK:
                if let dot = name.lastIndex(of: "."),
                    Self.mediaExtensions.contains(name[name.index(after: dot)...].lowercased())
                {
                    items.append(.file(path))
                }
            default:
                continue
            }
        }
    }
}
