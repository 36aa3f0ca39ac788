import ArchiveIndex
import BinaryParsing
import Crawling
import Foundation
import GRDB
import MediaMetadata
import SamplePlatform
import Testing
import VestigeCLI

/// The sample platform archived through each platform adapter with `vestige crawl` + `vestige
/// import`: the archived posts are exactly the platform's public posts, media carry the place the
/// generator's files hold, and the rate limit's 429s are waited out.
@Suite(.serialized) struct PlatformArchivingTests {
    /// `Samples/` of this package.
    static let samples: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Samples").path
    }()

    struct SamplePost: Decodable {
        let id: Int
        let author: String
        let media: [String]
        let visibility: String
    }

    struct SampleChanges: Decodable {
        struct Change: Decodable { let id: Int }
        struct Suspension: Decodable { let handle: String }
        let edited: [Change]
        let deleted: [Change]
        let suspended: [Suspension]
    }

    static func samplePosts() throws -> [SamplePost] {
        let data = try Data(contentsOf: URL(fileURLWithPath: samples + "/platform-small/posts.json"))
        return try JSONDecoder().decode([SamplePost].self, from: data)
    }

    static var publicIDs: Set<String> {
        get throws { Set(try samplePosts().filter { $0.visibility == "public" }.map { String($0.id) }) }
    }

    /// What one adapter run archived.
    struct Archived {
        let folder: String
        let served: [ServedRequest]

        var database: String { folder + "/archive.sqlite" }

        func read<T>(_ body: (Database) throws -> T) throws -> T {
            try DatabaseQueue(path: database).read(body)
        }
    }

    /// Serves the small sample platform, crawls it with `crawl` arguments, imports the WARCs
    /// with `adapter`, and returns the archive folder (removed by the caller).
    static func archive(
        rateLimit: Int? = nil, config: ((String) -> String)? = nil, crawl arguments: (String) -> [String],
        adapter: String?
    ) async throws -> Archived {
        let platform = try SamplePlatform(dataDirectory: samples, dataSet: .small, rateLimit: rateLimit)
        let port = try await platform.start()
        let base = "http://127.0.0.1:\(port)"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vestige-adapter-\(UUID())").path
        do {
            if let config {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try config(base).write(toFile: folder + "/vestige.toml", atomically: true, encoding: .utf8)
            }
            var crawl = try CrawlCommand.parse(
                [
                    "--archive", folder, "--quiet", "--contact", "mailto:tests@example.org", "--per-host-delay", "0",
                    "--per-host-concurrency", "4",
                ] + arguments(base))
            try await crawl.run()
            await platform.stop()
            let warcs = try FileManager.default.contentsOfDirectory(atPath: folder + "/warc")
                .filter { $0.hasSuffix(".warc.gz") }.map { folder + "/warc/" + $0 }
            var importer = try ImportCommand.parse(
                ["--archive", folder] + (adapter.map { ["--adapter", $0] } ?? []) + warcs)
            try importer.run()
            return Archived(folder: folder, served: platform.servedRequests())
        } catch {
            await platform.stop()
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
    }

    static func postIDs(_ archived: Archived) throws -> [String] {
        try archived.read { try String.fetchAll($0, sql: "SELECT post_id FROM posts ORDER BY id") }
    }

    /// Every archived post points at the WARC record it was read from.
    static func expectProvenance(_ archived: Archived) throws {
        let missing = try archived.read {
            try Int.fetchOne(
                $0,
                sql: """
                    SELECT count(*) FROM posts p LEFT JOIN captures c ON c.record_id = p.record_id
                    WHERE p.warc_file IS NULL OR p.warc_offset IS NULL OR c.warc_offset IS NOT p.warc_offset
                    """) ?? -1
        }
        #expect(missing == 0, "posts without a matching capture record")
    }

    /// Media of public posts that were archived carry the position of the generator's file.
    static func expectMediaPlaces(_ archived: Archived) throws {
        let rows = try archived.read {
            try Row.fetchAll(
                $0, sql: "SELECT url, latitude, longitude, post_id FROM media WHERE url LIKE '%/media/original/%'")
        }
        #expect(!rows.isEmpty)
        var checked = 0
        for row in rows {
            let url: String = row["url"]
            let name = String(url.split(separator: "/").last ?? "")
            let file = try FileByteSource(path: samples + "/media/" + name)
            guard let expected = try? MetadataExtractor.extract(from: file, fileName: name) else { continue }
            let latitude: Double? = row["latitude"]
            let longitude: Double? = row["longitude"]
            #expect(latitude == expected.latitude, "\(name) latitude")
            #expect(longitude == expected.longitude, "\(name) longitude")
            #expect((row["post_id"] as Int64?) != nil, "\(name) not linked to its post")
            if expected.latitude != nil { checked += 1 }
        }
        #expect(checked > 0, "no archived original carried GPS")
    }

    @Test func mastodonAPIArchivesExactlyThePublicPosts() async throws {
        let archived = try await Self.archive(
            crawl: {
                [
                    "\($0)/api/v1/timelines/public?limit=40", "--adapter", "mastodon", "--include",
                    "/api/v1/|/media/original/",
                    // Pagination does not count as depth: 8 timeline pages past a depth limit of 1.
                    "--max-depth", "1",
                ]
            },
            adapter: "mastodon")
        defer { try? FileManager.default.removeItem(atPath: archived.folder) }
        let ids = try Self.postIDs(archived)
        #expect(ids.count == Set(ids).count)
        #expect(Set(ids) == (try Self.publicIDs))
        try Self.expectProvenance(archived)
        try Self.expectMediaPlaces(archived)
        // Pagination was followed through the Link header, and never an HTML page was needed.
        #expect(archived.served.contains { $0.target.contains("max_id=") })
        #expect(!archived.served.contains { $0.target.contains("/posts/") && !$0.target.hasPrefix("/api/") })
    }

    @Test func idRangeEnumerationArchivesExactlyThePublicPosts() async throws {
        let archived = try await Self.archive(
            crawl: {
                [
                    "--id-range", "\($0)/api/post/{id}", "--ids", "1-320", "--adapter", "parler-style",
                    "--include", "/api/post/|/media/original/",
                ]
            },
            adapter: "parler-style")
        defer { try? FileManager.default.removeItem(atPath: archived.folder) }
        let ids = try Self.postIDs(archived)
        #expect(ids.count == Set(ids).count)
        #expect(Set(ids) == (try Self.publicIDs))
        try Self.expectProvenance(archived)
        try Self.expectMediaPlaces(archived)
        // Every id was asked for once; private and never-used ids answered 404 and gave no post.
        let asked = archived.served.filter { $0.target.hasPrefix("/api/post/") }
        #expect(asked.count == 320)
        let privateIDs = try Self.samplePosts().filter { $0.visibility != "public" }.map(\.id)
        #expect(!privateIDs.isEmpty)
        for id in privateIDs {
            #expect(asked.first { $0.target == "/api/post/\(id)" }?.status == 404)
        }
    }

    @Test func htmlPagesFeedsAndAPIsTogetherGiveOneRowPerPostAndNoFalseEdits() async throws {
        let archived = try await Self.archive(crawl: { ["\($0)/"] }, adapter: "html")
        defer { try? FileManager.default.removeItem(atPath: archived.folder) }
        // Import again with every adapter: pages, feeds and API objects of one post are one row.
        let warcs = try FileManager.default.contentsOfDirectory(atPath: archived.folder + "/warc")
            .filter { $0.hasSuffix(".warc.gz") }.map { archived.folder + "/warc/" + $0 }
        var importer = try ImportCommand.parse(["--archive", archived.folder] + warcs)
        try importer.run()
        let ids = try Self.postIDs(archived)
        #expect(ids.count == Set(ids).count)
        #expect(Set(ids) == (try Self.publicIDs))
        let versions = try archived.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM post_versions") }
        #expect(versions == 0, "the same post read from its page, feed and API looked like an edit")
        try Self.expectProvenance(archived)
        try Self.expectMediaPlaces(archived)
    }

    @Test func vestigeTomlChoosesSeedsAdapterAndPlatformName() async throws {
        let archived = try await Self.archive(
            config: { base in
                """
                # the Mastodon API only, filed under one platform name
                seeds = ["\(base)/api/v1/timelines/public?limit=40"]
                include = ['/api/v1/']
                per_host_delay = 0

                [platform]
                name = "sample-social"
                adapters = ["mastodon"]
                """
            },
            crawl: { _ in [] }, adapter: nil)
        defer { try? FileManager.default.removeItem(atPath: archived.folder) }
        let rows = try archived.read {
            try Row.fetchAll($0, sql: "SELECT DISTINCT platform, adapter FROM posts")
        }
        #expect(rows.map { [$0["platform"] as String, $0["adapter"] as String] } == [["sample-social", "mastodon"]])
        #expect(Set(try Self.postIDs(archived)) == (try Self.publicIDs))
        #expect(!archived.served.contains { !$0.target.hasPrefix("/api/v1/") && $0.target != "/robots.txt" })
        // The coverage report says which adapter read the posts.
        var report = try ReportCommand.parse(["--archive", archived.folder, "--format", "json"])
        var sink = StringSink()
        try report.perform(output: &sink)
        #expect(sink.text.contains("\"adapters\": {\"mastodon\": 295}"))
    }

    @Test func rateLimitedAPIIsWaitedOutAndStillComplete() async throws {
        let archived = try await Self.archive(
            rateLimit: 10,
            crawl: { ["\($0)/api/v1/timelines/public?limit=20", "--adapter", "mastodon", "--include", "/api/v1/"] },
            adapter: "mastodon")
        defer { try? FileManager.default.removeItem(atPath: archived.folder) }
        #expect(Set(try Self.postIDs(archived)) == (try Self.publicIDs))
        let limited = archived.served.filter { $0.status == 429 }
        #expect(!limited.isEmpty, "the crawl never hit the rate limit; the test proves nothing")
        // Retry-After: 1 — the same URL is not asked for again within that second.
        for refusal in limited {
            let next = archived.served.first { $0.target == refusal.target && $0.time > refusal.time }
            let retry = try #require(next, "\(refusal.target) was refused and never retried")
            #expect(retry.time - refusal.time >= .milliseconds(950), "\(refusal.target) retried too soon")
        }
        let archived429 = try archived.read {
            try Int.fetchOne($0, sql: "SELECT count(*) FROM captures WHERE status = 429")
        }
        #expect(archived429 == 0, "429 answers are retried, not kept as the page's capture")
    }

    @Test func recrawlOfTheSecondEpochFindsExactlyItsEditsAndDeletions() async throws {
        let platform = try SamplePlatform(dataDirectory: Self.samples, dataSet: .small, rateLimit: nil)
        let port = try await platform.start()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vestige-recrawl-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let polite = [
                "--contact", "mailto:tests@example.org", "--per-host-delay", "0", "--per-host-concurrency", "4",
            ]
            var crawl = try CrawlCommand.parse(
                [
                    "--archive", folder, "--quiet", "--id-range", "http://127.0.0.1:\(port)/api/post/{id}", "--ids",
                    "1-310",
                    "--adapter", "parler-style", "--include", "/api/post/",
                ] + polite)
            try await crawl.run()
            let warcs = try FileManager.default.contentsOfDirectory(atPath: folder + "/warc")
                .filter { $0.hasSuffix(".warc.gz") }.map { folder + "/warc/" + $0 }
            var importer = try ImportCommand.parse(["--archive", folder, "--adapter", "parler-style"] + warcs)
            try importer.run()
            try platform.setEpoch(2)
            var recrawl = try RecrawlCommand.parse(
                ["--archive", folder, "--only-posts", "--quiet", "--adapter", "parler-style"] + polite)
            try await recrawl.run()
            await platform.stop()
        } catch {
            await platform.stop()
            throw error
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.samples + "/platform-small/epoch2.json"))
        let changes = try JSONDecoder().decode(SampleChanges.self, from: data)
        let suspended = Set(changes.suspended.map(\.handle))
        let posts = try Self.samplePosts().filter { $0.visibility == "public" }
        let expectedDeleted = Set(changes.deleted.map { String($0.id) })
            .union(posts.filter { suspended.contains($0.author) }.map { String($0.id) })
        let expectedEdited = Set(changes.edited.map { String($0.id) }).subtracting(expectedDeleted)
        #expect(!expectedEdited.isEmpty && !expectedDeleted.isEmpty)
        let queue = try DatabaseQueue(path: folder + "/archive.sqlite")
        let edited = try await queue.read {
            try String.fetchSet($0, sql: "SELECT p.post_id FROM post_versions v JOIN posts p ON p.id = v.post_id")
        }
        let deleted = try await queue.read {
            try String.fetchSet($0, sql: "SELECT post_id FROM posts WHERE deleted_at IS NOT NULL")
        }
        #expect(edited == expectedEdited)
        #expect(deleted == expectedDeleted)
        // A deleted post keeps its last archived text, and search --deleted finds it.
        let searcher = try ArchiveSearcher(path: folder + "/archive.sqlite")
        var request = SearchRequest()
        request.deletedOnly = true
        request.kinds = [.post]
        let hits = try searcher.search(request)
        #expect(Set(hits.map { $0.postID ?? "" }) == expectedDeleted)
        let keptVersions = try await queue.read {
            try Int.fetchOne(
                $0,
                sql: """
                    SELECT count(*) FROM posts p JOIN captures c ON c.record_id = p.record_id
                    WHERE p.deleted_at IS NOT NULL AND c.status = 200
                    """)
        }
        #expect(keptVersions == expectedDeleted.count, "a deleted post must still point at its archived 200 capture")
        // search --history: the edited posts, each with the text it had before.
        var history = try SearchCommand.parse(["--archive", folder, "--history", "--format", "jsonl", "--limit=0"])
        var sink = StringSink()
        try history.perform(output: &sink)
        let lines = sink.text.split(separator: "\n")
        #expect(lines.count == expectedEdited.count)
        #expect(lines.allSatisfy { $0.contains("\"versions\":[{\"seen_at\":") })
    }
}
