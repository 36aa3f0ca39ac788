import ArchiveIndex
import Crawling
import Foundation
import GRDB
import Testing
import VestigeCLI

/// `vestige report` against what archive.sqlite holds, with posts and media rows added to a copy
/// to exercise id gaps and time disagreements.
@Suite struct ReportCommandTests {
    static func reportJSON(_ folder: String) throws -> [String: Any] {
        var output = StringSink()
        try ReportCommand.parse(["--archive", folder, "--format", "json"]).perform(output: &output)
        return try #require(try JSONSerialization.jsonObject(with: Data(output.text.utf8)) as? [String: Any])
    }

    @Test func hostAndMediaCountsMatchTheIndex() async throws {
        let folder = try await ForensicsFixture.archive()
        let report = try Self.reportJSON(folder)
        let queue = try DatabaseQueue(path: ArchiveLayout(directory: folder).databasePath)
        let (captures, pages, media, nullIsland, robots) = try await queue.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM captures") ?? -1,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM pages") ?? -1,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM media") ?? -1,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM media WHERE null_island = 1") ?? -1,
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM frontier WHERE state = 'excluded' AND reason = 'robots.txt'") ?? -1
            )
        }
        let hosts = try #require(report["hosts"] as? [[String: Any]])
        #expect(hosts.reduce(0) { $0 + ($1["captures"] as? Int ?? 0) } == captures)
        #expect(hosts.reduce(0) { $0 + ($1["pages"] as? Int ?? 0) } == pages)
        #expect(hosts.reduce(0) { $0 + ($1["media"] as? Int ?? 0) } == media)
        #expect(hosts.reduce(0) { $0 + ($1["robots_excluded"] as? Int ?? 0) } == robots)
        #expect(robots > 0, "the sample platform's robots.txt disallows /admin/")
        #expect(hosts.allSatisfy { ($0["host"] as? String)?.hasPrefix("127.0.0.1:") == true })
        let mediaReport = try #require(report["media"] as? [String: Any])
        #expect(mediaReport["total"] as? Int == media)
        #expect(mediaReport["at_null_island"] as? Int == nullIsland)

        var table = StringSink()
        try ReportCommand.parse(["--archive", folder]).perform(output: &table)
        #expect(table.text.contains("\(media) images and videos"))
    }

    @Test func numericIDGapsAndTimeDisagreementsAreFound() async throws {
        let folder = try await ForensicsFixture.copy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let dump = folder + "/posts.jsonl"
        let lines = ["1", "2", "3", "7", "9", "10", "abc"].map { id in
            "{\"platform\":\"gaptest\",\"id\":\"\(id)\",\"url\":\"https://ex.social/p/\(id)\",\"author\":\"a\","
                + "\"created_at\":\"2021-01-06T13:30:00Z\",\"body\":\"post \(id)\"}"
        }
        try lines.joined(separator: "\n").write(toFile: dump, atomically: true, encoding: .utf8)
        var output = StringSink()
        _ = try ImportCommand.parse(["--archive", folder, dump]).perform(output: &output, console: .collector())
        let queue = try DatabaseQueue(path: ArchiveLayout(directory: folder).databasePath)
        try await queue.write { db in
            let sources = "{\"CreationDate\":\"QuickTime:CreationDate\",\"CreateDate\":\"QuickTime:CreateDate\"}"
            // Capture 12:00+02:00 = 10:00Z. Container 13:30Z: 3.5 h off, not explained by the offset.
            // Container 12:00Z: the camera wrote local time as UTC, off by exactly the offset.
            for (url, container) in [
                ("https://ex.social/m/off.mov", "2021:01:01 13:30:00"),
                ("https://ex.social/m/local.mov", "2021:01:01 12:00:00"),
            ] {
                try db.execute(
                    sql: """
                        INSERT INTO media (url, creation_date, create_date, sources) VALUES (?, ?, ?, ?)
                        """, arguments: [url, "2021:01:01 12:00:00+02:00", container, sources])
            }
        }
        let report = try Self.reportJSON(folder)
        let platforms = try #require(report["platforms"] as? [[String: Any]])
        let sample = try #require(platforms.first { $0["platform"] as? String == "gaptest" })
        #expect(sample["posts"] as? Int == 7)
        let ids = try #require(sample["numeric_ids"] as? [String: Any])
        #expect(ids["held"] as? Int == 6)
        #expect(ids["missing"] as? Int == 4)
        #expect(ids["ranges"] as? [[Int]] == [[1, 3], [7, 7], [9, 10]])
        #expect(ids["gaps"] as? [[Int]] == [[4, 6], [8, 8]])
        #expect(sample["non_numeric_ids"] as? Int == 1)
        let media = try #require(report["media"] as? [String: Any])
        let mismatches = try #require(media["time_mismatches"] as? [[String: Any]])
        #expect(mismatches.map { $0["url"] as? String } == ["https://ex.social/m/off.mov"])
        #expect(mismatches.first?["difference_seconds"] as? Int == 12_600)
    }
}
