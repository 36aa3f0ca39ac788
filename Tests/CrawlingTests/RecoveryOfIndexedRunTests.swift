import ArchiveIndex
import Foundation
import GRDB
import Testing
import WARC

@testable import Crawling

/// A run that stopped (a full disk, a failed frontier write) and whose WARC file was then read by
/// the index (the crawl indexes what it archived as it ends) leaves captures that the crawl did
/// not record and URLs still in flight. Recovery must take the record in the WARC file as the
/// truth and mark its URL done, whoever recorded the capture: else the next run fetches it again
/// and the page is archived twice.
@Suite struct RecoveryOfIndexedRunTests {
    @Test func aURLWhoseRecordTheIndexAlreadyReadIsNotFetchedAgain() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vestige-recover-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let layout = ArchiveLayout(directory: folder)
        let url = "http://127.0.0.1:9/p/57"
        let writer = try WARCWriter(directory: layout.warcDirectory, info: WARCInfoFields(software: "test"))
        let response = Array("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok".utf8)
        _ = try writer.write(WARCRecordBuilder.response(targetURI: url, httpResponse: response))
        let name = try #require(writer.currentFile)
        try writer.close()

        let database = try ArchiveDatabase(path: layout.databasePath)
        let frontier = Frontier(database: database)
        try frontier.add([try #require(CrawlURL(url))], depth: 1)
        try database.writer.write { db in
            // The run had claimed the URL and opened the file, and stopped before recording either.
            try db.execute(sql: "UPDATE frontier SET state = 'in_flight' WHERE url = ?", arguments: [url])
            try db.execute(
                sql: "INSERT INTO warc_files (name, opened_at) VALUES (?, ?)", arguments: [name, WARCFileTime.now()])
        }
        // The index read the file as the run ended: the capture exists, the frontier never heard.
        var problems: [ImportProblem] = []
        _ = try WARCImporter(database: database).importFile(
            path: layout.warcPath(name), name: name, problem: { problems.append($0) })
        #expect(problems.isEmpty)

        let result = try ArchiveRecovery.recover(layout: layout, database: database)
        #expect(result.requeued == 0)
        let state = try database.read { db in
            try String.fetchOne(db, sql: "SELECT state FROM frontier WHERE url = ?", arguments: [url])
        }
        #expect(state == "done")
    }
}
