#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which importer reads a file: by extension, else by its first bytes.
enum ImportFileKind: Equatable {
    case jsonl
    case warc
    case unreadable(String)

    static func detect(path: String) -> ImportFileKind {
        let lower = path.lowercased()
        if lower.hasSuffix(".warc") || lower.hasSuffix(".warc.gz") { return .warc }
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") { return .jsonl }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .unreadable("cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var head = [UInt8](repeating: 0, count: 8)
        let count = head.withUnsafeMutableBytes { read(fd, $0.baseAddress, 8) }
        guard count > 0 else { return .unreadable("empty or unreadable file") }
        if count >= 2, head[0] == 0x1F, head[1] == 0x8B { return .warc }
        if count >= 5, head.starts(with: Array("WARC/".utf8)) { return .warc }
        if head.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "{") {
            return .jsonl
        }
        return .unreadable("neither a WARC file nor a JSONL dump (name it .warc, .warc.gz or .jsonl)")
    }
}
