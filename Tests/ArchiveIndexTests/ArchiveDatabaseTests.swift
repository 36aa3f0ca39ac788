import ArchiveIndex
import Foundation
import GRDB
import Testing

@Suite struct ArchiveDatabaseTests {
    @Test func createsAndReopensTheSchema() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vestige-db-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("archive.sqlite").path
        _ = try ArchiveDatabase(path: path)
        let reopened = try ArchiveDatabase(path: path)
        let mode = try reopened.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }
}
