import ArchiveIndex
import Crawling
import Foundation
import GRDB
import SamplePlatform
import Testing
import VestigeCLI
import WARC

/// Every writer of `warc_files` (the crawl, recovery after a kill, an import of an outside file)
/// stores its times as the same ISO 8601 UTC text.
@Suite(.serialized) struct WARCFileTimesTests {
    /// A WARC file with one response record, written by someone other than the crawler.
    static func writeOutsideWARC(directory: String, prefix: String, url: String) throws -> String {
        let writer = try WARCWriter(directory: directory, prefix: prefix, info: WARCInfoFields(software: "t"))
        let record = WARCRecord(
            headers: [
                "WARC-Type": "response", "WARC-Record-ID": "<urn:uuid:\(UUID().uuidString.lowercased())>",
                "WARC-Date": "2026-11-25T12:00:00Z", "WARC-Target-URI": url,
                "Content-Type": "application/http; msgtype=response",
            ],
            block: Array("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhello from \(prefix)".utf8))
        let location = try writer.write(record)
        try writer.close()
        return location.filename
    }

    @Test func crawlRecoveryAndImportWriteOneTimeType() async throws {
        let platform = try SamplePlatform(
            dataDirectory: PlatformArchivingTests.samples, dataSet: .small, rateLimit: nil)
        let port = try await platform.start()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("vestige-warc-times-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = root + "/archive"
        let layout = ArchiveLayout(directory: folder)
        let started = Date()
        var outsideName = ""
        var interruptedName = ""
        do {
            try await CrawlThenSearchTests.crawl(folder, ["http://127.0.0.1:\(port)/", "--max-pages", "20"])
            // What a killed run leaves: a WARC file in warc/ that the index never heard of.
            interruptedName = try Self.writeOutsideWARC(
                directory: layout.warcDirectory, prefix: "killed", url: "http://127.0.0.1:\(port)/killed")
            try await CrawlThenSearchTests.crawl(folder, ["--max-pages", "1"])
            let outside = try Self.writeOutsideWARC(
                directory: root + "/elsewhere", prefix: "outside", url: "http://example.org/outside")
            outsideName = root + "/elsewhere/" + outside
            let imported = try ZstdImportTests.importFiles(folder, [outsideName])
            #expect(imported.bad == 0, "\(imported.console)")
        } catch {
            await platform.stop()
            throw error
        }
        await platform.stop()

        let rows = try DatabaseQueue(path: layout.databasePath).read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT name, opened_at, closed_at, typeof(opened_at) AS opened_type,
                        typeof(closed_at) AS closed_type FROM warc_files
                    """)
        }
        let names = rows.map { $0["name"] as String }
        #expect(names.contains(interruptedName), "recovery wrote no row: \(names)")
        #expect(names.contains(outsideName), "the import wrote no row: \(names)")
        #expect(names.contains { $0.hasPrefix("vestige") }, "the crawl wrote no row: \(names)")
        let window = (started.timeIntervalSince1970 - 60)...(Date().timeIntervalSince1970 + 60)
        for row in rows {
            let name: String = row["name"]
            #expect(row["opened_type"] as String == "text", "\(name): opened_at is \(row["opened_type"] as String)")
            #expect(row["closed_type"] as String == "text", "\(name): closed_at is \(row["closed_type"] as String)")
            for column in ["opened_at", "closed_at"] {
                let text: String? = row[column]
                let date = text.flatMap { WARCDate(parsing: $0) }
                #expect(date.map { window.contains($0.secondsSince1970) } == true, "\(name): \(column) = \(text ?? "")")
                #expect(date.map(WARCFileTime.text) == text, "\(name): \(column) not in the stored form")
            }
        }
    }
}
