import Foundation
import GRDB
import Testing

@testable import ArchiveIndex

/// A plain word finds the tag as well (`lockdown` finds `#lockdown`), `#lockdown` finds only the
/// tagged posts and `@alice` only the posts that mention her.
@Suite struct HashtagSearchTests {
    static let jsonl = """
        {"platform":"s","id":"1","author":"zed","created_at":"2021-01-01T00:00:00Z","body":"Day 3 of #lockdown"}
        {"platform":"s","id":"2","author":"zed","created_at":"2021-01-02T00:00:00Z","body":"The lockdown ends soon"}
        {"platform":"s","id":"3","author":"zed","created_at":"2021-01-03T00:00:00Z","body":"#Lockdown again, ask @alice"}
        {"platform":"s","id":"4","author":"alice","created_at":"2021-01-04T00:00:00Z","body":"I am alice, no tags here"}
        {"platform":"s","id":"5","author":"zed","created_at":"2021-01-05T00:00:00Z","body":"cc @alice@mastodon.social"}
        {"platform":"s","id":"6","author":"zed","created_at":"2021-01-06T00:00:00Z","body":"Oktoberfest in #München"}
        {"platform":"s","id":"7","author":"zed","created_at":"2021-01-07T00:00:00Z","body":"#lockdownlife is hard"}

        """

    @Test(arguments: [
        ("lockdown", [1, 2, 3]),
        ("#lockdown", [1, 3]),
        ("#LOCKDOWN", [1, 3]),
        ("#lockdown*", [1, 3, 7]),
        ("lockdown*", [1, 2, 3, 7]),
        ("@alice", [3, 5]),
        ("@alice@mastodon.social", [5]),
        ("alice", [3, 4, 5]),
        ("Munchen", [6]),
        ("#munchen", [6]),
        ("lockdown NOT #lockdown", [2]),
        ("#lockdown OR @alice", [1, 3, 5]),
    ])
    func tagSemantics(query: String, expected: [Int]) throws {
        let archive = try PlantedArchive(jsonl: Self.jsonl)
        defer { archive.remove() }
        #expect(try archive.postIDs(query) == expected, "query \(query)")
    }

    @Test func snippetsHighlightTheTagInTheBody() throws {
        let archive = try PlantedArchive(jsonl: Self.jsonl)
        defer { archive.remove() }
        let hits = try ArchiveSearcher(path: archive.databasePath).search(try PlantedArchive.request("#lockdown"))
        let snippets = hits.compactMap(\.snippet)
        #expect(snippets.count == 2)
        #expect(snippets.allSatisfy { $0.contains("\u{1}lockdown\u{2}") || $0.contains("\u{1}Lockdown\u{2}") })
    }

    @Test(arguments: ["#", "@", "# @"])
    func bareSignsAreUsageErrors(query: String) {
        #expect(throws: SearchQueryError.self) { try SearchQueryParser.parse(query) }
    }

    /// An archive indexed before "v4-tags" (`#` inside tokens) is moved by the migration: tags
    /// from the stored bodies, FTS tables rebuilt; nothing imported again.
    @Test func migrationMovesAnOlderArchive() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vestige-v3-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("archive.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try ArchiveDatabase.migrator.migrate(queue, upTo: "v3-post-adapter")
            try queue.write { db in
                for (id, body) in [(1, "Day 3 of #lockdown"), (2, "The lockdown ends"), (3, "ask @alice")] {
                    try db.execute(
                        sql: "INSERT INTO posts (id, platform, post_id, body, author) VALUES (?, 's', ?, ?, 'zed')",
                        arguments: [id, "\(id)", body])
                }
                try db.execute(sql: "INSERT INTO posts_fts (rowid, body, author) SELECT id, body, author FROM posts")
                try db.execute(
                    sql: "INSERT INTO pages (url, title, text, record_id) VALUES ('u', 'T', '#lockdown', 'r')")
                try db.execute(sql: "INSERT INTO pages_fts (rowid, title, text) SELECT id, title, text FROM pages")
                // The old tokenizer keeps '#': the plain word misses the tagged post.
                let old = try Int.fetchOne(db, sql: "SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'lockdown'")
                #expect(old == 1)
            }
        }
        #expect(throws: ArchiveIndexError.outdatedIndex(path)) { try ArchiveSearcher(path: path) }
        _ = try ArchiveDatabase(path: path)
        let searcher = try ArchiveSearcher(path: path)
        func ids(_ text: String, _ kind: HitKind) throws -> [Int64] {
            var request = SearchRequest(query: try SearchQueryParser.parse(text))
            request.kinds = [kind]
            return try searcher.search(request).map(\.id).sorted()
        }
        #expect(try ids("lockdown", .post) == [1, 2])
        #expect(try ids("#lockdown", .post) == [1])
        #expect(try ids("@alice", .post) == [3])
        #expect(try ids("lockdown", .page).count == 1)
    }
}
