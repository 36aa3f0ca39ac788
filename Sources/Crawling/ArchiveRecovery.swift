import ArchiveIndex
import GRDB
import WARC

/// Brings archive.sqlite back in line with the WARC files after a run was killed.
///
/// The WARC files are the source of truth. A killed run may have written records whose
/// captures were not yet committed, and may have cut its last record short. Recovery reads
/// every WARC file not marked closed, adds the captures that are missing (marking their URLs
/// done, so they are not archived twice), leaves a truncated last record for `verify` to
/// report (its URL is fetched again), marks the file closed, and puts URLs still in flight
/// back in the queue. New records always go to a new file.
enum ArchiveRecovery {
    struct Result {
        var recoveredCaptures = 0
        var truncatedRecords = 0
        var requeued = 0
        var summary: String {
            "recovered an interrupted run: \(recoveredCaptures) captures found in its WARC files, "
                + "\(truncatedRecords) truncated records left for re-fetching, \(requeued) URLs queued again"
        }
    }

    static func recover(layout: ArchiveLayout, database: ArchiveDatabase) throws -> Result {
        var result = Result()
        let open = try database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM warc_files WHERE closed_at IS NULL")
        }
        for name in open {
            let path = layout.warcPath(name)
            var found: [(entry: WARCEntry, type: String)] = []
            if let reader = try? WARCReader(path: path) {
                while true {
                    do {
                        guard let entry = try reader.next() else { break }
                        if let type = entry.record.typeName, type == "response" || type == "revisit" {
                            found.append((entry, type))
                        }
                    } catch {
                        result.truncatedRecords += 1
                        break
                    }
                }
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
                    if db.changesCount > 0 {
                        result.recoveredCaptures += 1
                        try db.execute(
                            sql: "UPDATE frontier SET state = 'done' WHERE url = ? AND state IN ('in_flight', 'queued')",
                            arguments: [url])
                    }
                }
                try db.execute(
                    sql: "UPDATE warc_files SET closed_at = ? WHERE name = ?",
                    arguments: [WARCDate.now().description, name])
            }
        }
        result.requeued = try Frontier(database: database).requeueInFlight()
        return result
    }
}
