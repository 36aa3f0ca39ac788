import ArchiveIndex
import Foundation
import GRDB
import Testing
import WARC

/// WARC import: HTML responses become searchable pages, images and videos media with place and
/// time; bad records are reported with file and offset; importing again changes nothing.
@Suite struct WARCImporterTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("MediaMetadataTests/Fixtures/video")

    static func http(_ status: String, type: String, body: [UInt8]) -> [UInt8] {
        Array("HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
    }

    /// Writes a WARC into `<archive>/warc/` and returns its path.
    static func writeWARC(into archive: URL) throws -> String {
        let warcDirectory = archive.appendingPathComponent("warc").path
        let writer = try WARCWriter(
            directory: warcDirectory, prefix: "test", info: WARCInfoFields(software: "vestige tests"))
        let html = """
            <html><head><title>Flood report</title><script>var secret = "scriptword";</script>
            <style>.x { color: red }</style></head>
            <body><h1>Hochwasser in Köln</h1><p>Die Feuerwehr &amp; Polizei sind vor Ort.</p></body></html>
            """
        let date = try #require(WARCDate(parsing: "2024-03-01T12:00:00Z"))
        var records: [WARCRecord] = [
            WARCRecordBuilder.warcinfo(fields: WARCInfoFields(software: "vestige tests"), filename: nil),
            WARCRecordBuilder.response(
                targetURI: "https://ex.social/page1",
                httpResponse: http("200 OK", type: "text/html; charset=utf-8", body: Array(html.utf8)),
                date: date),
            WARCRecordBuilder.response(
                targetURI: "https://ex.social/missing",
                httpResponse: http(
                    "404 Not Found", type: "text/html", body: Array("<title>missing words</title>".utf8)),
                date: date),
            WARCRecordBuilder.request(
                targetURI: "https://ex.social/page1",
                httpRequest: Array("GET /page1 HTTP/1.1\r\nHost: ex.social\r\n\r\n".utf8)),
        ]
        for (name, type) in [
            ("android_xyz_faststart.mp4", "video/mp4"), ("iphone_keys_faststart.mov", "video/quicktime"),
            ("null_island.mp4", "video/mp4"),
        ] {
            let bytes = try [UInt8](Data(contentsOf: fixtures.appendingPathComponent(name)))
            records.append(
                WARCRecordBuilder.response(
                    targetURI: "https://ex.social/media/\(name)", httpResponse: http("200 OK", type: type, body: bytes),
                    date: date))
        }
        for record in records { _ = try writer.write(record) }
        let file = try #require(writer.currentFile)
        try writer.close()
        let path = warcDirectory + "/" + file
        // A damaged tail: bytes that are neither a gzip member nor a record.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("this is not a WARC record\n".utf8))
        try handle.close()
        return path
    }

    @Test func importsPagesMediaAndCaptures() throws {
        let archive = try PlantedArchive(
            jsonl: """
                {"platform":"sample","id":"m1","author":"mallory","created_at":"2023-06-15T10:00:00Z","body":"clip","media":[{"url":"https://ex.social/media/android_xyz_faststart.mp4"}]}

                """)
        defer { archive.remove() }
        let path = try Self.writeWARC(into: archive.directory)
        let database = try ArchiveDatabase(path: archive.databasePath)
        var problems: [ImportProblem] = []
        let summary = try WARCImporter(database: database).importFile(path: path, problem: { problems.append($0) })
        try database.checkpoint()
        #expect(summary.imported == 5, "\(summary)")
        #expect(summary.skipped == 3)  // two warcinfo records (the writer's and ours) and a request
        #expect(summary.bad == 1)
        #expect(problems.first?.offset != nil, "\(problems)")
        #expect(problems.first?.description.contains(path) == true)

        let searcher = try ArchiveSearcher(path: archive.databasePath)
        var request = SearchRequest(query: try SearchQueryParser.parse("koln feuerwehr"))
        request.kinds = [.page]
        let pages = try searcher.search(request)
        #expect(pages.map(\.url) == ["https://ex.social/page1"])
        #expect(pages.first?.title == "Flood report")
        #expect(pages.first?.createdAt == "2024-03-01T12:00:00Z")
        #expect(pages.first?.warcFile == path.split(separator: "/").last.map(String.init))
        #expect(pages.first?.warcOffset != nil && pages.first?.recordID != nil)
        #expect(pages.first?.payloadDigest?.hasPrefix("sha1:") == true)
        #expect(try searcher.search(SearchRequest(query: try SearchQueryParser.parse("scriptword"))).isEmpty)
        #expect(try searcher.search(SearchRequest(query: try SearchQueryParser.parse("missing"))).isEmpty)

        var paris = SearchRequest()
        paris.kinds = [.media]
        paris.bbox = try GeoBox(parsing: "2,48,3,49")
        let media = try searcher.search(paris)
        #expect(media.count == 2)
        #expect(Set(media.compactMap(\.createdAt)) == ["2023-06-15T10:30:45Z"])
        var withIsland = SearchRequest()
        withIsland.kinds = [.media]
        withIsland.hasGPS = true
        #expect(try searcher.search(withIsland).count == 2)
        withIsland.includeNullIsland = true
        #expect(try searcher.search(withIsland).count == 3)
        var byAuthor = SearchRequest()
        byAuthor.kinds = [.media]
        byAuthor.author = "mallory"
        #expect(try searcher.search(byAuthor).map(\.url) == ["https://ex.social/media/android_xyz_faststart.mp4"])

        let queue = try DatabaseQueue(path: archive.databasePath)
        let captures = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM captures") }
        #expect(captures == 5)
        let row = try #require(
            try queue.read { db in
                try Row.fetchOne(
                    db, sql: "SELECT make, model, creation_date, sources FROM media WHERE url LIKE '%iphone%'")
            })
        #expect(row["make"] as String? == "Apple")
        #expect((row["sources"] as String?)?.contains("\"GPSLatitude\"") == true)

        // Again: nothing changes.
        let again = try WARCImporter(database: database).importFile(path: path, problem: { _ in })
        #expect(again.imported == 0 && again.unchanged == 5)
        let counts = try archive.counts()
        #expect(counts["pages"] == 1 && counts["media"] == 3)
        let ftsPages = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM pages_fts_docsize") }
        #expect(ftsPages == 1)
    }

    @Test func reindexRebuildsFromTheWARCFiles() throws {
        let archive = try PlantedArchive()
        defer { archive.remove() }
        let path = try Self.writeWARC(into: archive.directory)
        let database = try ArchiveDatabase(path: archive.databasePath)
        _ = try WARCImporter(database: database).importFile(path: path, problem: { _ in })
        let before = try archive.counts()
        try database.writer.write { db in
            try db.execute(sql: "INSERT INTO pages_fts (pages_fts) VALUES ('delete-all')")
            try db.execute(sql: "DELETE FROM pages")
            try db.execute(sql: "DELETE FROM posts_geo")
        }
        var problems: [ImportProblem] = []
        let summary = try IndexRebuilder.rebuild(
            database: database, warcDirectory: archive.directory.appendingPathComponent("warc").path,
            problem: { problems.append($0) })
        #expect(summary.imported == 5 && summary.bad == 1)
        #expect(try archive.counts() == before)
        #expect(try archive.postIDs("munchen") == [1])
        #expect(
            try archive.postIDs(PlantedArchive.request { $0.bbox = try GeoBox(parsing: "11,48,12,49") }) == [1, 10])
        var request = SearchRequest(query: try SearchQueryParser.parse("hochwasser"))
        request.kinds = [.page]
        #expect(try ArchiveSearcher(path: archive.databasePath).search(request).count == 1)
    }
}
