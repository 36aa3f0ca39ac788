public import ArchiveIndex
import GRDB
import WARC

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The archive folder's record of its evidence, written at the end of every crawl session:
///
/// - `manifest.sha256`: `HEX  warc/NAME.warc.gz` lines, so `sha256sum -c manifest.sha256` run in
///   the folder checks every closed WARC file;
/// - `manifest-chain.jsonl`: append-only, one `ManifestChainLink` per closed WARC file in the
///   order the files were closed;
/// - `manifest.tsq`: an RFC 3161 time-stamp request for the SHA-256 of `manifest.sha256`, to send
///   to a time-stamping authority.
///
/// Only files the index lists as closed (`warc_files.closed_at`) and that lie in `DIR/warc/` are
/// chained: a file someone drops into the folder later is never blessed by a later session, and
/// `verify` reports it as added.
public enum ArchiveManifest {
    /// `DIR/manifest.sha256`.
    public static func manifestPath(_ layout: ArchiveLayout) -> String { layout.directory + "/manifest.sha256" }
    /// `DIR/manifest-chain.jsonl`.
    public static func chainPath(_ layout: ArchiveLayout) -> String { layout.directory + "/manifest-chain.jsonl" }
    /// `DIR/manifest.tsq`.
    public static func timeStampRequestPath(_ layout: ArchiveLayout) -> String { layout.directory + "/manifest.tsq" }

    /// What a `seal` did.
    public struct SealResult: Sendable {
        /// Files added to the chain by this call.
        public var chained: [ManifestChainLink] = []
        /// Files listed in the manifest now.
        public var listed = 0
    }

    /// Chains the WARC files closed since the last seal, then rewrites `manifest.sha256` and
    /// `manifest.tsq` from the whole chain. Refuses (naming the line) to extend a chain that
    /// does not read back, so a damaged chain is never hidden behind new links.
    @discardableResult
    public static func seal(layout: ArchiveLayout, database: ArchiveDatabase) throws -> SealResult {
        let chainFile = chainPath(layout)
        var chain = try readChain(chainFile)
        let known = Set(chain.map(\.file))
        var result = SealResult()
        let closed = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT name, closed_at FROM warc_files WHERE closed_at IS NOT NULL")
                .map { row -> (name: String, closed: WARCDate) in
                    let value: DatabaseValue = row["closed_at"]
                    return (row["name"], closedDate(value))
                }
        }
        let fresh =
            closed
            .filter { isPlainFileName($0.name) && !known.contains("warc/" + $0.name) }
            .filter { fileExists(layout.warcPath($0.name)) }
            .sorted { ($0.closed, $0.name) < ($1.closed, $1.name) }
        for file in fresh {
            let (hex, size) = try FileDigest.sha256(path: layout.warcPath(file.name))
            let link = ManifestChainLink(
                file: "warc/" + file.name, sha256: hex, size: size,
                previous: chain.last?.link ?? ManifestChainLink.genesis,
                closedAt: file.closed.warc11String)
            try appendLine(link.jsonLine, to: chainFile)
            chain.append(link)
            result.chained.append(link)
            try database.writer.write { db in
                try db.execute(sql: "UPDATE warc_files SET sha256 = ? WHERE name = ?", arguments: [hex, file.name])
            }
        }
        guard !chain.isEmpty else { return result }
        var latest: [String: String] = [:]
        var order: [String] = []
        for link in chain {
            if latest.updateValue(link.sha256, forKey: link.file) == nil { order.append(link.file) }
        }
        let manifest = order.map { "\(latest[$0] ?? "")  \($0)\n" }.joined()
        let manifestBytes = Array(manifest.utf8)
        try replaceFile(manifestPath(layout), with: manifestBytes)
        let request = TimeStampRequest(sha256: FileDigest.sha256(manifestBytes))
        try replaceFile(timeStampRequestPath(layout), with: request.der)
        result.listed = order.count
        return result
    }

    /// The lines of the chain file; empty when there is none.
    public static func readChain(_ path: String) throws(ManifestError) -> [ManifestChainLink] {
        guard let text = readText(path) else { return [] }
        var links: [ManifestChainLink] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.isEmpty {
            guard let link = ManifestChainLink(jsonLine: String(line)) else {
                throw ManifestError(path: path, line: index + 1, message: "not a chain link")
            }
            links.append(link)
        }
        return links
    }

    /// A WARC file name with no folder part, as the crawler writes them.
    static func isPlainFileName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && name != "." && name != ".." && !name.hasPrefix(".")
    }

    /// `warc_files.closed_at` as a date (`WARCFileTime`); the epoch for a value that is not one.
    static func closedDate(_ value: DatabaseValue) -> WARCDate {
        WARCFileTime.date(value) ?? WARCDate(seconds: 0)
    }

    /// The whole file as text; nil when it cannot be read.
    static func readText(_ path: String) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends one line and syncs it: the chain is evidence, it must survive a crash.
    static func appendLine(_ line: String, to path: String) throws(ManifestError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ManifestError(path: path, message: String(cString: strerror(errno))) }
        defer { close(fd) }
        try writeAll(fd, Array((line + "\n").utf8), path: path)
        guard fsync(fd) == 0 else { throw ManifestError(path: path, message: String(cString: strerror(errno))) }
    }

    /// Writes `bytes` beside `path`, syncs and renames over it, so a reader never sees half a file.
    static func replaceFile(_ path: String, with bytes: [UInt8]) throws(ManifestError) {
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ManifestError(path: temporary, message: String(cString: strerror(errno))) }
        do throws(ManifestError) {
            try writeAll(fd, bytes, path: temporary)
            guard fsync(fd) == 0 else {
                throw ManifestError(path: temporary, message: String(cString: strerror(errno)))
            }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            throw ManifestError(path: path, message: String(cString: strerror(errno)))
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(ManifestError) {
        var done = 0
        while done < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                raw.baseAddress.map { write(fd, $0 + done, raw.count - done) } ?? -1
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw ManifestError(path: path, message: String(cString: strerror(errno))) }
            done += written
        }
    }
}
