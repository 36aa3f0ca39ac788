import Crypto

/// Writes a WACZ 1.1.1 package: a ZIP whose entries are all STORED (uncompressed, so a replay
/// tool can read any WARC record or index line by offset through HTTP range requests), with
/// `datapackage.json` listing every entry's SHA-256 and size, and `datapackage-digest.json`
/// holding the SHA-256 of `datapackage.json`.
///
/// Entry names are checked by `safeEntryName`: nothing from the data reaches the ZIP's name
/// table unchecked, so no entry can point outside the folder it is unpacked into.
public final class WACZWriter {
    /// The package being written.
    public let path: String
    private let zip: ZIPStoreWriter
    /// The entries written so far, in order.
    public private(set) var resources: [WACZResource] = []
    private var names: Set<String> = []

    /// Creates the package at `path`, which must not exist yet.
    public init(path: String) throws(WARCError) {
        self.path = path
        zip = try ZIPStoreWriter(path: path)
    }

    /// True when `name` is a relative path of plain components: not empty, no `.` or `..`, no
    /// leading `/`, no backslash, no control characters.
    public static func isSafeEntryName(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix("/"), !name.contains("\\") else { return false }
        guard !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return false }
        return name.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0 != "." && $0 != ".."
        }
    }

    /// A file name safe as one path component: letters, digits, `.`, `-` and `_` kept, anything
    /// else replaced by `_`, and never `.`/`..` or starting with a dot.
    public static func safeFileName(_ name: String) -> String {
        var out = String(
            name.unicodeScalars.map { scalar -> Character in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", ".", "-", "_": Character(scalar)
                default: "_"
                }
            })
        while out.hasPrefix(".") { out = "_" + out.dropFirst() }
        return out.isEmpty ? "_" : out
    }

    /// Adds the file at `source` as entry `name`, stored, hashing it while it is copied.
    public func addFile(_ name: String, from source: String) throws(WARCError) {
        try checkName(name)
        var file = try POSIXFile.openForReading(source)
        defer { try? file.close() }
        let size = try file.size()
        var hasher = SHA256()
        var offset: Int64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        try zip.addEntry(name, size: UInt64(size)) { () throws(WARCError) -> [UInt8] in
            let count = try file.read(into: buffer, count: buffer.count, at: offset)
            offset += Int64(count)
            let chunk = Array(buffer[0..<count])
            hasher.update(data: chunk)
            return chunk
        }
        record(name, hex: ASCII.hex(hasher.finalize()), bytes: size)
    }

    /// Adds `bytes` as entry `name`, stored.
    public func addData(_ name: String, _ bytes: [UInt8]) throws(WARCError) {
        try checkName(name)
        var done = false
        try zip.addEntry(name, size: UInt64(bytes.count)) { () throws(WARCError) -> [UInt8] in
            defer { done = true }
            return done ? [] : bytes
        }
        record(name, hex: FileDigest.hex(FileDigest.sha256(bytes)), bytes: Int64(bytes.count))
    }

    /// Writes `datapackage.json` (listing every entry added so far) and `datapackage-digest.json`,
    /// and completes the ZIP.
    /// `created` is an ISO 8601 UTC time; `software` names the writer and its version.
    public func finish(title: String, created: String, software: String) throws(WARCError) {
        let listed = resources.map { resource in
            "    {\"name\": \(JSONString.quoted(resource.name)), \"path\": \(JSONString.quoted(resource.path)), "
                + "\"hash\": \(JSONString.quoted(resource.hash)), \"bytes\": \(resource.bytes)}"
        }
        let package =
            "{\n  \"profile\": \"data-package\",\n  \"wacz_version\": \"1.1.1\",\n"
            + "  \"title\": \(JSONString.quoted(title)),\n  \"created\": \(JSONString.quoted(created)),\n"
            + "  \"software\": \(JSONString.quoted(software)),\n"
            + "  \"resources\": [\n\(listed.joined(separator: ",\n"))\n  ]\n}\n"
        let packageBytes = Array(package.utf8)
        let digest =
            "{\"path\": \"datapackage.json\", \"hash\": \"sha256:\(FileDigest.hex(FileDigest.sha256(packageBytes)))\"}\n"
        let listedCount = resources.count
        try addData("datapackage.json", packageBytes)
        try addData("datapackage-digest.json", Array(digest.utf8))
        // The two package files describe the others; they are not resources of themselves.
        resources.removeLast(resources.count - listedCount)
        try zip.finish()
    }

    private func checkName(_ name: String) throws(WARCError) {
        guard Self.isSafeEntryName(name) else {
            throw .invalidRecord(reason: "unsafe ZIP entry name '\(name)' for \(path)")
        }
        guard names.insert(name).inserted else {
            throw .invalidRecord(reason: "ZIP entry '\(name)' added twice to \(path)")
        }
    }

    private func record(_ name: String, hex: String, bytes: Int64) {
        let base = name.split(separator: "/").last.map(String.init) ?? name
        let resourceName = String(
            base.lowercased().unicodeScalars.map { scalar -> Character in
                switch scalar {
                case "a"..."z", "0"..."9", ".", "-", "_": Character(scalar)
                default: "-"
                }
            })
        resources.append(WACZResource(name: resourceName, path: name, hash: "sha256:" + hex, bytes: bytes))
    }
}
