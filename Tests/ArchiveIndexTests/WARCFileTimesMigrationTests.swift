import Foundation
import GRDB
import Testing

@testable import ArchiveIndex

/// "v7-warc-file-times" moves `warc_files` times written before it (epoch seconds from imports,
/// WARC-Date text from the crawl) to one ISO 8601 UTC text form, keeping the captures that
/// refer to the files.
@Suite struct WARCFileTimesMigrationTests {
    @Test func oldRowsBecomeISOText() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vestige-v6-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("archive.sqlite").path
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        // Every step before v7.
        try ArchiveDatabase.migrator.migrate(queue, upTo: "v6-indexed-warcs")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO warc_files (name, opened_at, closed_at, records, bytes, sha256)
                    VALUES ('imported.warc.gz', 1609957800.25, 1609957801, 1, 100, 'abc'),
                           ('crawled.warc.gz', '2021-01-06T18:30:00Z', '2021-01-06T18:31:00.5Z', 2, 200, NULL),
                           ('open.warc.gz', '2021-01-06T18:32:00.123456Z', NULL, 0, 0, NULL),
                           ('odd.warc.gz', 'not a time', NULL, 0, 0, NULL)
                    """)
            try db.execute(
                sql: """
                    INSERT INTO captures (url, record_type, record_id, warc_file, warc_offset, warc_length, fetched_at)
                    VALUES ('http://x/', 'response', '<urn:uuid:1>', 'imported.warc.gz', 0, 10,
                        '2021-01-06T18:30:00Z')
                    """)
        }
        try ArchiveDatabase.migrator.migrate(queue)

        let rows = try queue.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT name, opened_at, closed_at, typeof(opened_at) AS t1, typeof(closed_at) AS t2,
                        records, bytes, sha256 FROM warc_files ORDER BY name
                    """)
        }
        let values = rows.map { row -> [String?] in
            [row["name"], row["opened_at"], row["closed_at"], row["t1"], row["t2"], row["sha256"]]
        }
        #expect(
            values == [
                ["crawled.warc.gz", "2021-01-06T18:30:00.000000Z", "2021-01-06T18:31:00.500000Z", "text", "text", nil],
                [
                    "imported.warc.gz", "2021-01-06T18:30:00.250000Z", "2021-01-06T18:30:01.000000Z", "text", "text",
                    "abc",
                ],
                ["odd.warc.gz", "not a time", nil, "text", "null", nil],
                ["open.warc.gz", "2021-01-06T18:32:00.123456Z", nil, "text", "null", nil],
            ])
        #expect(rows.map { $0["records"] as Int } == [2, 1, 0, 0])
        #expect(rows.map { $0["bytes"] as Int } == [200, 100, 0, 0])
        try queue.read { db in
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(warc_files)")
            let types = Dictionary(uniqueKeysWithValues: columns.map { ($0["name"] as String, $0["type"] as String) })
            #expect(types["opened_at"] == "TEXT" && types["closed_at"] == "TEXT", "\(types)")
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            #expect(try String.fetchOne(db, sql: "SELECT warc_file FROM captures") == "imported.warc.gz")
            #expect(try ArchiveDatabase.isCurrent(db))
        }
        // The foreign key still holds: a capture naming no file is refused.
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO captures (url, record_type, record_id, warc_file, warc_offset, warc_length,
                            fetched_at) VALUES ('http://y/', 'response', '<urn:uuid:2>', 'missing.warc.gz', 0, 1, 'x')
                        """)
            }
        }
    }
}
