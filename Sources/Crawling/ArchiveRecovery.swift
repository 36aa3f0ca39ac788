import ArchiveIndex
import GRDB
import WARC

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Brings archive.sqlite back in line with the WARC files after a run was killed.
///
/// The WARC files are the source of truth. A killed run may have written records whose
/// captures were not yet committed, and may have cut its last record short. Recovery reads
/// every WARC file not marked closed, adds the captures that are missing (marking their URLs
/// done, so they are not archived twice), and moves a record the kill cut short out of the
/// file into `warc/quarantine/` (the bytes are kept; the record never completed, so it is not
/// evidence, and its URL is fetched again). Then it marks the file closed and puts URLs still
/// in flight back in the queue. New records always go to a new file.
enum ArchiveRecovery {
    struct Result {
        var recoveredCaptures = 0
        var truncatedRecords = 0
        var quarantined: [String] = []
        var requeued = 0
        var summary: String {
            "recovered an interrupted run: \(recoveredCaptures) captures found in its WARC files, "
                + "\(truncatedRecords) truncated records left for re-fetching, \(requeued) URLs queued again"
        }
    }

    static func recover(layout: ArchiveLayout, database: ArchiveDatabase) throws -> Result {
        var result = Result()
        // Files a killed run created before committing anything about them count as open too.
        let open = try database.writer.write { db in
            let known = Set(try String.fetchAll(db, sql: "SELECT name FROM warc_files"))
            for name in directoryEntries(layout.warcDirectory, suffixes: [".warc.gz"]) where !known.contains(name) {
                try db.execute(
                    sql: "INSERT INTO warc_files (name, opened_at) VALUES (?, ?)",
                    arguments: [name, WARCFileTime.now()])
            }
            return try String.fetchAll(db, sql: "SELECT name FROM warc_files WHERE closed_at IS NULL")
        }
        for name in open {
            let path = layout.warcPath(name)
            var found: [(entry: WARCEntry, type: String)] = []
            var damagedFrom: Int64?
            if let reader = try? WARCReader(path: path) {
                while true {
                    do {
                        guard let entry = try reader.next() else { break }
                        if let type = entry.record.typeName, type == "response" || type == "revisit" {
                            found.append((entry, type))
                        }
                    } catch {
                        damagedFrom = error.offset ?? found.last.map { $0.entry.offset + $0.entry.length }
                        break
                    }
                }
            }
            if let damagedFrom {
                result.truncatedRecords += 1
                result.quarantined.append(try quarantineTail(of: path, from: damagedFrom, layout: layout, name: name))
            }
            try database.writer.write { db in
                for (entry, type) in found {
                    let record = entry.record
                    guard let id = record.recordID, let url = record.targetURI else { continue }
                    let block = HTTPResponseBlock(parsing: record.block)
                    try db.execute(
                        sql: """
                            INSERT OR IGNORE INTO captures (url, record_type, status, mime, payload_digest, record_id,
                                warc_file, warc_offset, warc_length, fetched_at, ip, refers_to)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            url, type, block?.statusCode, block?.headers["Content-Type"],
                            record.headers["WARC-Payload-Digest"], id, name, entry.offset, entry.length,
                            record.headers["WARC-Date"] ?? "", record.headers["WARC-IP-Address"],
                            record.headers["WARC-Refers-To"],
                        ])
                    if db.changesCount > 0 { result.recoveredCaptures += 1 }
                    // Whoever recorded the capture (this run, or an index that read the file after
                    // the run stopped), the URL is archived: never fetch it again.
                    try db.execute(
                        sql: "UPDATE frontier SET state = 'done' WHERE url = ? AND state IN ('in_flight', 'queued')",
                        arguments: [url])
                }
                if let damagedFrom {
                    // Nothing may point into the bytes that were moved away.
                    let urls = try String.fetchAll(
                        db, sql: "SELECT url FROM captures WHERE warc_file = ? AND warc_offset >= ?",
                        arguments: [name, damagedFrom])
                    try db.execute(
                        sql: "DELETE FROM captures WHERE warc_file = ? AND warc_offset >= ?",
                        arguments: [name, damagedFrom])
                    for url in urls {
                        try db.execute(sql: "UPDATE frontier SET state = 'queued' WHERE url = ?", arguments: [url])
                    }
                }
                let size = fileSize(path)
                try db.execute(
                    sql: "UPDATE warc_files SET closed_at = ?, bytes = ? WHERE name = ?",
                    arguments: [WARCFileTime.now(), size, name])
            }
        }
        result.requeued = try Frontier(database: database).requeueInFlight()
        if !open.isEmpty {
            // The interrupted run's index lines may name records that were cut: rebuild from the WARCs.
            try CrawlIndexFile(layout: layout).rebuild()
        }
        return result
    }

    /// Moves the bytes of `path` from `offset` on into `warc/quarantine/NAME.from-OFFSET` and cuts
    /// the file there, so it ends with its last complete record.
    static func quarantineTail(of path: String, from offset: Int64, layout: ArchiveLayout, name: String) throws
        -> String
    {
        let folder = layout.warcDirectory + "/quarantine"
        try POSIXDirectory.make(folder)
        let target = "\(folder)/\(name).from-\(offset)"
        guard let source = fopen(path, "rb"), let sink = fopen(target, "wb") else {
            throw ArchiveFolderError(path: target, reason: "cannot move the damaged end of \(path)")
        }
        defer { fclose(source) }
        fseeko(source, off_t(offset), SEEK_SET)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, source) }
            if count == 0 { break }
            _ = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, count, sink) }
        }
        fflush(sink)
        fsync(fileno(sink))
        fclose(sink)
        guard truncate(path, off_t(offset)) == 0 else {
            throw ArchiveFolderError(path: path, reason: String(cString: strerror(errno)))
        }
        return target
    }

    static func fileSize(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : 0
    }
}
