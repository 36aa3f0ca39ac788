import ArchiveIndex
import Foundation
import GRDB

/// A temporary archive with a small planted corpus whose expected search results are known.
struct PlantedArchive {
    /// The planted posts (JSONL); post ids are "1"..."10".
    static let jsonl = """
        {"platform":"sample","id":"1","url":"https://ex.social/@alice/1","author":"alice","created_at":"2021-01-06T13:30:00-05:00","body":"Grüße aus München #Oktoberfest mit @hans_m","latitude":48.137,"longitude":11.575}
        {"platform":"sample","id":2,"url":"https://ex.social/@bob/2","author":"bob","created_at":"2021-01-05T10:00:00Z","body":"Null island sensor reading","latitude":0,"longitude":0}
        {"platform":"sample","id":"3","url":"https://ex.social/@carol/3","author":"carol","created_at":"2021-01-07","body":"River flood downtown","deleted_at":"2021-02-01T00:00:00Z","media":[{"url":"https://ex.social/media/3.jpg","alt":"flood"}]}
        {"platform":"sample","id":"4","url":"https://ex.social/@dave/4","author":"dave","created_at":"2021-01-06T17:59:59Z","body":"Sunrise over Fiji #travel","latitude":-17.7,"longitude":179.9}
        {"platform":"sample","id":"5","url":"https://ex.social/@erin/5","author":"erin","created_at":"2021-01-06T18:00:00Z","body":"Samoa sunset #travel","latitude":-13.8,"longitude":-171.8}
        {"platform":"sample","id":"6","url":"https://ex.social/@frank/6","author":"frank","created_at":"2021-01-08T12:00:00+02:00","body":"Polar station log: ice cores","latitude":89.9,"longitude":45.0}
        {"platform":"sample","id":"7","url":"https://ex.social/@grace/7","author":"grace","created_at":"2021-01-08T12:00:00Z","body":"Other side of the pole","latitude":89.9,"longitude":-135.0}
        {"platform":"sample","id":"8","url":"https://ex.social/@heidi/8","author":"heidi","created_at":"2021-01-06T18:00:00.5Z","body":"Exact phrase: river bank erosion study","latitude":51.5,"longitude":-0.12}
        {"platform":"sample","id":"9","url":"https://ex.social/@ivan/9","author":"ivan","created_at":"2021-01-04T00:00:00Z","body":"bank river not in phrase order"}
        {"platform":"sample","id":"10","url":"https://ex.social/@alice/10","author":"alice","created_at":"2021-01-09T09:00:00+01:00","body":"Munich beer garden, no umlaut here","latitude":48.15,"longitude":11.58}

        """

    let directory: URL
    var databasePath: String { directory.appendingPathComponent("archive.sqlite").path }

    /// Creates the archive and imports `jsonl` (the planted corpus by default).
    init(jsonl: String = PlantedArchive.jsonl) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("vestige-index-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        _ = try importText(jsonl)
    }

    /// Writes `text` to a dump file and imports it; returns the summary and the problems.
    @discardableResult
    func importText(_ text: String, name: String = "dump.jsonl") throws -> (ImportSummary, [ImportProblem]) {
        let file = directory.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        let database = try ArchiveDatabase(path: databasePath)
        var problems: [ImportProblem] = []
        let summary = try JSONLImporter(database: database).importFile(
            path: file.path, problem: { problems.append($0) })
        try database.checkpoint()
        return (summary, problems)
    }

    /// Post ids (platform ids) of the hits of `request`, sorted numerically.
    func postIDs(_ request: SearchRequest) throws -> [Int] {
        try ArchiveSearcher(path: databasePath).search(request).filter { $0.kind == .post }
            .compactMap { $0.postID.flatMap { Int($0) } }.sorted()
    }

    /// Post ids for a text query with no other filter.
    func postIDs(_ query: String) throws -> [Int] {
        var request = SearchRequest(query: try SearchQueryParser.parse(query))
        request.limit = nil
        return try postIDs(request)
    }

    /// A request with every hit (no limit) and `configure` applied.
    static func request(_ query: String? = nil, _ configure: (inout SearchRequest) throws -> Void = { _ in }) throws
        -> SearchRequest
    {
        var request = SearchRequest(query: try query.map { try SearchQueryParser.parse($0) })
        request.limit = nil
        try configure(&request)
        return request
    }

    /// Row counts of the index tables.
    func counts() throws -> [String: Int] {
        let queue = try DatabaseQueue(path: databasePath)
        return try queue.read { db in
            var counts: [String: Int] = [:]
            for table in ["posts", "post_versions", "post_media", "posts_geo", "pages", "media"] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1
            }
            counts["posts_fts"] = try Int.fetchOne(db, sql: "SELECT count(*) FROM posts_fts_docsize") ?? -1
            return counts
        }
    }

    /// The database file's bytes (to check that a search changed nothing).
    func fileBytes() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: databasePath)) }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
