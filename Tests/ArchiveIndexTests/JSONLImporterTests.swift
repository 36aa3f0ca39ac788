import ArchiveIndex
import Foundation
import GRDB
import Testing

@Suite struct JSONLImporterTests {
    @Test func importingTwiceChangesNothing() throws {
        let archive = try PlantedArchive()
        defer { archive.remove() }
        let before = try archive.counts()
        let hitsBefore = try archive.postIDs("river OR #travel OR munchen")
        let (summary, problems) = try archive.importText(PlantedArchive.jsonl)
        #expect(problems.isEmpty)
        #expect(summary.imported == 0 && summary.updated == 0 && summary.unchanged == 10)
        #expect(try archive.counts() == before)
        #expect(try archive.postIDs("river OR #travel OR munchen") == hitsBefore)
        #expect(
            before["posts"] == 10 && before["posts_fts"] == 10 && before["posts_geo"] == 8 && before["post_media"] == 1)
    }

    @Test func editedPostsKeepTheirEarlierText() throws {
        let archive = try PlantedArchive()
        defer { archive.remove() }
        let edited = """
            {"platform":"sample","id":"9","author":"ivan","created_at":"2021-01-04T00:00:00Z","body":"edited: lighthouse","latitude":10,"longitude":20}
            {"platform":"sample","id":"4","url":"https://ex.social/@dave/4","author":"dave","created_at":"2021-01-06T17:59:59Z","body":"Sunrise over Fiji #travel","latitude":-17.7,"longitude":179.9,"deleted_at":"2021-03-01T00:00:00Z"}
            """
        let (summary, _) = try archive.importText(edited, name: "edit.jsonl")
        #expect(summary.updated == 2)
        #expect(try archive.postIDs("lighthouse") == [9])
        #expect(try archive.postIDs("bank") == [8])
        #expect(try archive.postIDs(PlantedArchive.request { $0.deletedOnly = true }) == [3, 4])
        #expect(try archive.postIDs(PlantedArchive.request { $0.bbox = try GeoBox(parsing: "19,9,21,11") }) == [9])
        let counts = try archive.counts()
        #expect(counts["post_versions"] == 1 && counts["posts"] == 10 && counts["posts_fts"] == 10)
        // A later dump without deleted_at does not undelete.
        try archive.importText(PlantedArchive.jsonl, name: "again.jsonl")
        #expect(try archive.postIDs(PlantedArchive.request { $0.deletedOnly = true }) == [3, 4])
    }

    @Test func badLinesAreReportedWithTheirLineAndSkipped() throws {
        let archive = try PlantedArchive(jsonl: "")
        defer { archive.remove() }
        let text = """
            {"platform":"p","id":"1","author":"a","created_at":"2021-01-01T00:00:00Z","body":"good one"}
            not json
            {"platform":"p","id":"2","author":"a","created_at":"2021-13-01T00:00:00Z","body":"bad date"}
            {"platform":"p","author":"a","created_at":"2021-01-01T00:00:00Z"}
            {"platform":"p","id":"3","author":"a","created_at":"2021-01-01T00:00:00Z","latitude":91,"longitude":0}
            {"platform":"p","id":"4","author":"a","created_at":"2021-01-01T00:00:00Z","latitude":1}
            [1,2]

            {"platform":"p","id":"5","author":"a","created_at":"2021-01-01T00:00:00+01:00","body":"good two"}
            """
        let (summary, problems) = try archive.importText(text, name: "bad.jsonl")
        #expect(summary.imported == 2 && summary.bad == 6)
        #expect(problems.map(\.line) == [2, 3, 4, 5, 6, 7])
        #expect(
            problems[0].description.hasPrefix(
                archive.directory.appendingPathComponent("bad.jsonl").path + ":2: not valid JSON"))
        #expect(problems[1].message.contains("created_at"))
        #expect(problems[2].message.contains("missing \"id\""))
        #expect(problems[3].message.contains("latitude"))
        #expect(try archive.postIDs("good") == [1, 5])
    }

    @Test func schemaWorksForDatasette() throws {
        let archive = try PlantedArchive()
        defer { archive.remove() }
        let queue = try DatabaseQueue(path: archive.databasePath)
        try queue.read { db in
            // datasette's detect_fts: the FTS table must say content="posts" in double quotes.
            let fts = try String.fetchAll(
                db,
                sql: """
                    SELECT name FROM sqlite_master WHERE rootpage = 0
                    AND sql LIKE '%VIRTUAL TABLE%USING FTS%content="posts"%'
                    """)
            #expect(fts == ["posts_fts"])
            let rows = try Int.fetchAll(
                db, sql: "SELECT rowid FROM posts WHERE rowid IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?)",
                arguments: [#""munchen""#])
            #expect(rows.count == 1)
            let columns = try db.columns(in: "posts").map(\.name)
            #expect(columns.contains("latitude") && columns.contains("longitude"))
        }
    }
}
