#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// File names in a folder, sorted by byte value; empty when the folder does not exist.
func directoryEntries(_ path: String, suffixes: [String]) -> [String] {
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
func fileExists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
}
