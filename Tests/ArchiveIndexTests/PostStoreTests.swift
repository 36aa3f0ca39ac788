import Foundation
import GRDB
import Testing

@testable import ArchiveIndex

/// `PostStore` on its own, in a fresh archive: what each `store` returns and leaves in `posts`,
/// `post_versions`, `posts_fts` and `posts_geo`, for new posts, repeats, edits and the same post
/// read by adapters of different completeness.
@Suite struct PostStoreTests {
    /// A fresh archive in a temporary folder.
    final class Archive {
        let directory: URL
        let database: ArchiveDatabase
        /// Posts stored so far: each store gets a capture (record id, offset) of its own.
        private var captures = 0

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "vestige-poststore-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            database = try ArchiveDatabase(path: directory.appendingPathComponent("archive.sqlite").path)
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        /// Stores `posts` in one transaction with one store (as an import does) and flushes it.
        @discardableResult
        func store(_ posts: [PostRecord], flushEvery: Int = .max) throws -> [PostStore.Outcome] {
            try database.writer.write { db in
                var store = try PostStore(db)
                var outcomes: [PostStore.Outcome] = []
                for (index, post) in posts.enumerated() {
                    outcomes.append(try store.store(post, provenance: PostStoreTests.provenance(captures), in: db))
                    captures += 1
                    if (index + 1) % flushEvery == 0 { try store.flush(db) }
                }
                try store.flush(db)
                return outcomes
            }
        }

        func row(_ postID: String) throws -> Row? {
            try database.writer.read { db in
                try Row.fetchOne(
                    db, sql: "SELECT * FROM posts WHERE platform = 'social' AND post_id = ?", arguments: [postID])
            }
        }

        func versions() throws -> [String] {
            try database.writer.read { db in try String.fetchAll(db, sql: "SELECT body FROM post_versions ORDER BY id")
            }
        }

        /// The post_id of the posts the full-text index finds for `match`.
        func found(_ match: String) throws -> [String] {
            try database.writer.read { db in
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT posts.post_id FROM posts_fts JOIN posts ON posts.id = posts_fts.rowid
                        WHERE posts_fts MATCH ? ORDER BY posts.post_id
                        """, arguments: [match])
            }
        }

        /// Checks that `posts_fts` and `posts_geo` say exactly what `posts` says.
        func expectIndexesMatchPosts(sourceLocation: SourceLocation = #_sourceLocation) throws {
            // A write: FTS5 takes its commands as INSERTs, though integrity-check changes nothing.
            try database.writer.write { db in
                // FTS5 compares its index with the content table (posts) and fails on any difference.
                try db.execute(sql: "INSERT INTO posts_fts (posts_fts, rank) VALUES ('integrity-check', 1)")
                let posts = try Int.fetchOne(db, sql: "SELECT count(*) FROM posts") ?? -1
                let indexed = try Int.fetchOne(db, sql: "SELECT count(*) FROM posts_fts") ?? -2
                #expect(indexed == posts, sourceLocation: sourceLocation)
                // Every post with a position has its point in the R*Tree (boxes are 32-bit floats,
                // rounded outwards), and nothing else is there.
                let points = try Row.fetchAll(
                    db,
                    sql:
                        "SELECT id, longitude, latitude FROM posts WHERE latitude IS NOT NULL AND longitude IS NOT NULL"
                )
                let boxes = try Row.fetchAll(db, sql: "SELECT id, min_lon, max_lon, min_lat, max_lat FROM posts_geo")
                var boxByID: [Int64: Row] = [:]
                for box in boxes { if let id = box["id"] as Int64? { boxByID[id] = box } }
                #expect(boxes.count == points.count, sourceLocation: sourceLocation)
                for point in points {
                    let id = point["id"] as Int64? ?? -1
                    let box = try #require(
                        boxByID[id], "post row \(id) has no R*Tree entry", sourceLocation: sourceLocation)
                    for (value, low, high) in [
                        (point["longitude"] as Double?, box["min_lon"] as Double?, box["max_lon"] as Double?),
                        (point["latitude"] as Double?, box["min_lat"] as Double?, box["max_lat"] as Double?),
                    ] {
                        let (v, l, h) = (value ?? .nan, low ?? .nan, high ?? .nan)
                        #expect(l <= v && v <= h && h - l < 1e-4, "post row \(id)", sourceLocation: sourceLocation)
                    }
                }
            }
        }
    }

    static func post(
        _ id: String = "1", body: String, adapter: String?, url: String? = nil, latitude: Double? = nil,
        longitude: Double? = nil
    ) -> PostRecord {
        PostRecord(
            platform: "social", postID: id, url: url, author: "alice", createdAt: Timestamp(seconds: 1_609_459_200),
            body: body, latitude: latitude, longitude: longitude, adapter: adapter)
    }

    static func provenance(_ index: Int) -> PostProvenance {
        PostProvenance(
            seenAt: "2021-01-0\(index % 9 + 1)T00:00:00Z", warcFile: "a.warc.gz", warcOffset: Int64(index * 1000),
            warcLength: 900, recordID: "<urn:uuid:\(index)>", payloadDigest: "sha1:\(index)")
    }

    @Test func aNewPostIsInsertedAndIndexed() throws {
        let archive = try Archive()
        let outcomes = try archive.store([
            Self.post(body: "flood at the river", adapter: "mastodon", latitude: 1, longitude: 2)
        ])
        #expect(outcomes == [.inserted])
        let row = try #require(try archive.row("1"))
        #expect(row["body"] as String? == "flood at the river")
        #expect(row["adapter"] as String? == "mastodon")
        #expect(row["record_id"] as String? == "<urn:uuid:0>")
        #expect(try archive.found("river") == ["1"])
        try archive.expectIndexesMatchPosts()
    }

    @Test func theSamePostAgainIsUnchanged() throws {
        let archive = try Archive()
        let post = Self.post(body: "flood at the river", adapter: "mastodon", latitude: 1, longitude: 2)
        try archive.store([post])
        #expect(try archive.store([post]) == [.unchanged])
        #expect(try archive.versions().isEmpty)
        #expect(try archive.row("1")?["record_id"] as String? == "<urn:uuid:0>", "the first capture stays the source")
        try archive.expectIndexesMatchPosts()
    }

    @Test func anEditKeepsTheEarlierTextInPostVersions() throws {
        let archive = try Archive()
        try archive.store([Self.post(body: "flood at the river", adapter: "mastodon")])
        let outcomes = try archive.store([Self.post(body: "flood at the bridge", adapter: "mastodon")])
        #expect(outcomes == [.updated])
        #expect(try archive.versions() == ["flood at the river"])
        #expect(try archive.row("1")?["body"] as String? == "flood at the bridge")
        #expect(try archive.found("bridge") == ["1"])
        #expect(try archive.found("river").isEmpty, "the old text left the index")
        try archive.expectIndexesMatchPosts()
    }

    @Test func aRicherReadingReplacesAPoorerOneSilently() throws {
        let archive = try Archive()
        let page = "https://social.example/@alice/1"
        // The feed names the post by its page URL; the API by its id, with that URL.
        try archive.store([Self.post(page, body: "flood at the…", adapter: "feed", url: page)])
        let outcomes = try archive.store([
            Self.post(
                "1", body: "flood at the river, full text", adapter: "mastodon", url: page, latitude: 1, longitude: 2)
        ])
        #expect(outcomes == [.unchanged], "a fuller reading is no edit")
        #expect(try archive.versions().isEmpty)
        let row = try #require(try archive.row("1"), "the feed's row now has the API's id")
        #expect(row["body"] as String? == "flood at the river, full text")
        #expect(row["adapter"] as String? == "mastodon")
        #expect(try archive.row(page) == nil)
        #expect(try archive.found("full") == ["1"])
        try archive.expectIndexesMatchPosts()

        // A poorer reading afterwards (the page, then the feed) changes nothing.
        for adapter in ["html", "feed"] {
            #expect(try archive.store([Self.post("1", body: "flood", adapter: adapter, url: page)]) == [.unchanged])
        }
        #expect(try archive.row("1")?["body"] as String? == "flood at the river, full text")
        #expect(try archive.row("1")?["adapter"] as String? == "mastodon")
        #expect(try archive.versions().isEmpty)
        try archive.expectIndexesMatchPosts()
    }

    @Test func aFeedNeverMakesAnEdit() throws {
        let archive = try Archive()
        try archive.store([Self.post(body: "flood at the…", adapter: "feed")])
        #expect(try archive.store([Self.post(body: "flood at the river", adapter: "feed")]) == [.unchanged])
        #expect(try archive.versions().isEmpty)
        #expect(try archive.row("1")?["body"] as String? == "flood at the…")
        // Pages and APIs do make edits.
        try archive.store([Self.post(body: "flood at the river", adapter: "html")])
        #expect(try archive.store([Self.post(body: "flood at the bridge", adapter: "html")]) == [.updated])
        #expect(try archive.versions() == ["flood at the river"])
    }

    @Test func ranksFollowWhatEachAdapterDeclares() {
        #expect(PostStore.rank("feed") < PostStore.rank("html"))
        #expect(PostStore.rank("html") < PostStore.rank("mastodon"))
        #expect(PostStore.rank("mastodon") == PostStore.rank("parler-style"))
        #expect(PostStore.rank(nil) == PostStore.rank("mastodon"), "dumps carry every field")
        #expect(PostStore.rank("an-adapter-of-a-later-vestige") == PostStore.rank(nil))
    }

    /// Edits to rows already in the FTS and R*Tree tables (flushed) and to rows still waiting for
    /// the next flush, moving, adding and removing positions: both indexes end as `posts` says.
    @Test func indexesStayConsistentThroughEdits() throws {
        let archive = try Archive()
        let first = (1...6).map {
            Self.post("\($0)", body: "first text \($0) #one", adapter: "mastodon", latitude: 10, longitude: Double($0))
        }
        // Flushing after 3 posts: 1-3 are indexed when the second half of the batch edits them.
        let edits = [
            Self.post("1", body: "second text @bob", adapter: "mastodon", latitude: -5, longitude: 7),
            Self.post("2", body: "second text", adapter: "mastodon"),
            Self.post("5", body: "second text #two", adapter: "mastodon", latitude: 3, longitude: 4),
            Self.post("6", body: "first text 6 #one", adapter: "mastodon"),
            Self.post("7", body: "new text", adapter: "mastodon", latitude: 1, longitude: 1),
        ]
        let outcomes = try archive.store(first + edits, flushEvery: 3)
        #expect(
            outcomes == Array(repeating: .inserted, count: 6) + [.updated, .updated, .updated, .updated, .inserted])
        try archive.expectIndexesMatchPosts()
        #expect(try archive.found("second") == ["1", "2", "5"])
        #expect(try archive.found("first") == ["3", "4", "6"])
        #expect(try archive.found("tags:one") == ["3", "4", "6"])
        #expect(try archive.found("mentions:bob") == ["1"])
        #expect(try archive.versions().count == 4)

        // A later store, with every row indexed, edits again.
        try archive.store([Self.post("3", body: "third text", adapter: "mastodon", latitude: 0.5, longitude: 0.25)])
        try archive.expectIndexesMatchPosts()
        #expect(try archive.found("third") == ["3"])
    }
}
