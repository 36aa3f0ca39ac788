import ArchiveIndex
import WARC

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
    /// `exiftool -json` output: an array of objects that start with SourceFile.
    case exiftoolJSON
    /// A WACZ package: a ZIP with datapackage.json.
    case wacz
    case unreadable(String)

    static func detect(path: String) -> ImportFileKind {
        let lower = path.lowercased()
        if lower.hasSuffix(".warc") || lower.hasSuffix(".warc.gz") || lower.hasSuffix(".warc.zst") { return .warc }
        if lower.hasSuffix(".wacz") { return .wacz }
        // By content: exiftool -json output is a .json file too (a JSONL dump starts with `{`).
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") {
            return isExifToolJSON(path) ? .exiftoolJSON : .jsonl
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .unreadable("cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var head = [UInt8](repeating: 0, count: 8)
        let count = head.withUnsafeMutableBytes { read(fd, $0.baseAddress, 8) }
        guard count > 0 else { return .unreadable("empty or unreadable file") }
        if count >= 2, head[0] == 0x1F, head[1] == 0x8B { return .warc }
        // zstd: a frame (28 B5 2F FD) or a skippable frame (50..5F 2A 4D 18), e.g. the dictionary.
        if count >= 4, head.starts(with: [0x28, 0xB5, 0x2F, 0xFD]) { return .warc }
        if count >= 4, head[0] & 0xF0 == 0x50, head[1] == 0x2A, head[2] == 0x4D, head[3] == 0x18 { return .warc }
        if count >= 5, head.starts(with: Array("WARC/".utf8)) { return .warc }
        if count >= 4, head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return WACZReader.isWACZ(path: path)
                ? .wacz : .unreadable("a ZIP file without datapackage.json, so no WACZ: unzip it and import the files")
        }
        if head.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "[") {
            return isExifToolJSON(path)
                ? .exiftoolJSON
                : .unreadable(
                    "a JSON array whose first object does not start with SourceFile: not exiftool -json output")
        }
        if head.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "{") {
            return .jsonl
        }
        return .unreadable(
            "neither a WARC file, a WACZ, exiftool JSON nor a JSONL dump "
                + "(name it .warc, .warc.gz, .warc.zst, .wacz, .json or .jsonl)")
    }

    /// True when the file's first 4 KB look like `exiftool -json` output.
    static func isExifToolJSON(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var head = [UInt8](repeating: 0, count: 4096)
        let count = head.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) }
        guard count > 0 else { return false }
        return ExifToolJSONImporter.looksLikeExifToolJSON(Array(head[0..<count]))
    }
}
