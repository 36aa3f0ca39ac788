import Foundation
import GRDB
import SamplePlatform
import Testing
import VestigeCLI

/// `vestige crawl` then `vestige search`, with no other step: the crawl indexes what it archived
/// (posts through the adapters, pages, media metadata) as it ends, and a later run catches up
/// on files an earlier one left unindexed.
@Suite(.serialized) struct CrawlThenSearchTests {
    static func search(_ folder: String, _ arguments: [String]) throws -> [[String: Any]] {
        let command = try SearchCommand.parse(["--archive", folder, "--format", "json", "--limit", "1000"] + arguments)
        var output = StringSink()
        try command.perform(output: &output)
        return try JSONSerialization.jsonObject(with: Data(output.text.utf8)) as? [[String: Any]] ?? []
    }

    static func crawl(_ folder: String, _ seeds: [String]) async throws {
        var crawl = try CrawlCommand.parse(
            [
                "--archive", folder, "--quiet", "--contact", "mailto:tests@example.org", "--per-host-delay", "0",
                "--per-host-concurrency", "4",
            ] + seeds)
        try await crawl.run()
    }

    @Test func noIndexLeavesTheIndexToTheNextRun() async throws {
        let platform = try SamplePlatform(
            dataDirectory: PlatformArchivingTests.samples, dataSet: .small, rateLimit: nil)
        let port = try await platform.start()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vestige-no-index-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var afterFirst: [Int] = []
        do {
            try await Self.crawl(folder, ["http://127.0.0.1:\(port)/", "--no-index", "--max-pages", "60"])
            afterFirst = try Self.counts(folder + "/archive.sqlite")
            // The next run (one more page) reads the files the first one left unindexed.
            try await Self.crawl(folder, ["--max-pages", "1"])
        } catch {
            await platform.stop()
            throw error
        }
        await platform.stop()
        #expect(afterFirst == [0, 0, 0])
        let counts = try Self.counts(folder + "/archive.sqlite")
        #expect(counts[1] > 0, "no pages indexed by the second run: \(counts)")
    }

    static func counts(_ database: String) throws -> [Int] {
        try DatabaseQueue(path: database).read { db in
            try ["posts", "pages", "media"].map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? 0 }
        }
    }

    /// What a crawl killed before its end leaves: WARC files the index has not read.
    static func forgetIndex(_ database: String) throws {
        try DatabaseQueue(path: database).write { db in
            try db.execute(sql: "DELETE FROM indexed_warcs")
            try db.execute(sql: "INSERT INTO pages_fts (pages_fts) VALUES ('delete-all')")
            try db.execute(sql: "DELETE FROM pages")
            try db.execute(sql: "DELETE FROM media_geo")
            try db.execute(sql: "DELETE FROM media")
        }
    }

    @Test func aCrawlIsSearchableByWordPlaceAndMonthWhenItEnds() async throws {
        let platform = try SamplePlatform(
            dataDirectory: PlatformArchivingTests.samples, dataSet: .small, rateLimit: nil)
        let port = try await platform.start()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vestige-crawl-search-\(UUID())")
            .path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            try await Self.crawl(folder, ["http://127.0.0.1:\(port)/"])
        } catch {
            await platform.stop()
            throw error
        }
        await platform.stop()

        // A word ('uber' finds 'über'), in posts read by the adapters from the archived pages.
        let word = try Self.search(folder, ["uber", "--kind", "post"])
        #expect(!word.isEmpty)
        #expect(word.allSatisfy { ($0["warc_file"] as? String)?.hasSuffix(".warc.gz") == true })
        // A place: media whose headers put them within 2 km of Arezzo.
        let place = try Self.search(folder, ["--near", "43.467,11.885", "--radius-km", "2", "--kind", "media"])
        #expect(!place.isEmpty)
        // A month: media captured in October 2008 (UTC).
        let month = try Self.search(folder, ["--since", "2008-10-01", "--until", "2008-11-01", "--kind", "media"])
        #expect(!month.isEmpty)

        // A run that left its files unindexed (killed before the end) is caught up by the next run.
        let database = folder + "/archive.sqlite"
        let before = try Self.counts(database)
        try Self.forgetIndex(database)
        #expect(try Self.search(folder, ["--near", "43.467,11.885", "--radius-km", "2", "--kind", "media"]).isEmpty)
        try await Self.crawl(folder, [])
        #expect(try Self.counts(database) == before)
        #expect(
            try Self.search(folder, ["--near", "43.467,11.885", "--radius-km", "2", "--kind", "media"]).count
                == place.count)
    }
}
