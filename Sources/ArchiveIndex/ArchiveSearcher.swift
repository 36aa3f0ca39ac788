import GRDB

/// Searches an archive's index, opened read-only: a search can never change the archive.
///
/// Ranked text queries compute bm25 in an FTS-only subquery with a LIMIT and join the rows
/// afterwards (an outer join or WHERE around `ORDER BY rank` defeats FTS5's early exit,
/// notes/search.md); when other filters apply the subquery's LIMIT grows until enough hits pass
/// them or every match has been seen.
public final class ArchiveSearcher {
    /// The database file.
    public let path: String
    private let queue: DatabaseQueue

    /// Opens `path` read-only; throws `ArchiveIndexError` when it is missing or has no index.
    public init(path: String) throws {
        self.path = path
        guard Self.fileExists(path) else { throw ArchiveIndexError.noArchive(path) }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.foreignKeysEnabled = false
        configuration.label = "vestige.search"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA query_only = 1")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw ArchiveIndexError.database(path: path, context: "opening the archive read-only", message: "\(error)")
        }
        let hasIndex = try queue.read { db in try db.tableExists("posts_fts") && db.tableExists("pages") }
        guard hasIndex else { throw ArchiveIndexError.noSearchIndex(path) }
        let current = try queue.read { db in try ArchiveDatabase.isCurrent(db) }
        guard current else { throw ArchiveIndexError.outdatedIndex(path) }
    }

    private static func fileExists(_ path: String) -> Bool {
        FileStatus.isRegularFile(path)
    }

    /// Runs `request` and returns its hits in the requested order.
    public func search(_ request: SearchRequest) throws -> [SearchHit] {
        try queue.read { db in
            var hits: [SearchHit] = []
            if request.wants(.post) { hits += try Self.posts(db, request) }
            if request.wants(.page) { hits += try Self.pages(db, request) }
            if request.wants(.media) { hits += try Self.media(db, request) }
            if request.effectiveSort == .relevance {
                hits.sort { ($0.score ?? 0, $0.kind.rawValue, $0.id) < ($1.score ?? 0, $1.kind.rawValue, $1.id) }
            } else {
                hits.sort { left, right in
                    let a = left.createdAt ?? ""
                    let b = right.createdAt ?? ""
                    if a != b { return Self.utcOrder(a, b) }
                    return (left.kind.rawValue, left.id) > (right.kind.rawValue, right.id)
                }
            }
            if let limit = request.limit, hits.count > limit { hits.removeLast(hits.count - limit) }
            if request.historyOnly {
                for index in hits.indices where hits[index].kind == .post {
                    hits[index].versions = try Self.versions(db, postID: hits[index].id)
                }
            }
            return hits
        }
    }

    /// The earlier texts of post `postID`, oldest first.
    static func versions(_ db: Database, postID: Int64) throws -> [PostVersion] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT seen_at, body, record_id, payload_digest, source_file, source_line FROM post_versions
                WHERE post_id = ? ORDER BY id
                """, arguments: [postID]
        ).map {
            PostVersion(
                seenAt: $0[0], body: $0[1] ?? "", recordID: $0[2], payloadDigest: $0[3], sourceFile: $0[4],
                sourceLine: $0[5])
        }
    }

    /// Counts matches of a text query in posts (for scripts and the bench).
    public func countPosts(matching query: SearchQuery) throws -> Int {
        try queue.read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM posts_fts WHERE posts_fts MATCH ?", arguments: [query.ftsMatch]) ?? 0
        }
    }

    /// Newest first: compares UTC texts as instants (a whole second sorts before its fractions).
    static func utcOrder(_ a: String, _ b: String) -> Bool {
        let sa = a.utf8.prefix(19)
        let sb = b.utf8.prefix(19)
        if !sa.elementsEqual(sb) { return a > b }
        return Timestamp(parsing: a).flatMap { x in Timestamp(parsing: b).map { x > $0 } } ?? (a > b)
    }

    // MARK: - Posts

    private static let postColumns = """
        p.id, p.platform, p.post_id, p.url, p.author, p.body, p.created_at, p.created_offset, p.latitude, \
        p.longitude, p.null_island, p.deleted_at, p.warc_file, p.warc_offset, p.warc_length, p.record_id, \
        p.payload_digest, p.source_file, p.source_line
        """

    private static func postFilter(_ request: SearchRequest) -> SQLFilter {
        var filter = SQLFilter()
        if let since = request.since { filter.since("p.created_at", since) }
        if let until = request.until { filter.until("p.created_at", until) }
        if let author = request.author { filter.add("p.author = ? COLLATE NOCASE", [Self.handle(author)]) }
        if request.deletedOnly { filter.add("p.deleted_at IS NOT NULL") }
        if request.historyOnly { filter.add("EXISTS (SELECT 1 FROM post_versions v WHERE v.post_id = p.id)") }
        filter.place(request, alias: "p", idColumn: "id", geoTable: "posts_geo")
        return filter
    }

    static func handle(_ author: String) -> String {
        author.hasPrefix("@") ? String(author.dropFirst()) : author
    }

    private static func distanceColumn(_ request: SearchRequest, alias: String) -> (
        String, [(any DatabaseValueConvertible)?]
    ) {
        guard let near = request.near else { return (", NULL", []) }
        return (", " + SQLFilter.distanceSQL(alias: alias), [near.latitude, near.latitude, near.longitude])
    }

    private static func posts(_ db: Database, _ request: SearchRequest) throws -> [SearchHit] {
        let filter = postFilter(request)
        let (distance, distanceArguments) = distanceColumn(request, alias: "p")
        var hits: [SearchHit]
        if let query = request.query {
            let match = query.ftsMatch
            if request.effectiveSort == .relevance {
                hits = try ranked(
                    db, request: request, filter: filter, ftsTable: "posts_fts", match: match,
                    select: "SELECT \(postColumns)\(distance), f.rank FROM", join: "JOIN posts p ON p.id = f.rid",
                    selectArguments: distanceArguments, read: postHit)
            } else {
                let sql = """
                    SELECT \(postColumns)\(distance), NULL FROM posts p
                    WHERE p.id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?) \(filter.andClause)
                    ORDER BY p.created_at DESC, p.id DESC \(limitClause(request))
                    """
                hits = try Row.fetchAll(
                    db, sql: sql, arguments: filter.statementArguments(leading: distanceArguments + [match])
                ).map(postHit)
            }
            // The body shows `#tag` as the word `tag`: highlight with tags as plain words.
            try addSnippets(db, to: &hits, ftsTable: "posts_fts", column: 0, match: query.wordsMatch)
        } else {
            let sql = """
                SELECT \(postColumns)\(distance), NULL FROM posts p \(filter.whereClause)
                ORDER BY p.created_at DESC, p.id DESC \(limitClause(request))
                """
            hits = try Row.fetchAll(db, sql: sql, arguments: filter.statementArguments(leading: distanceArguments)).map(
                postHit)
        }
        return hits
    }

    private static func postHit(_ row: Row) -> SearchHit {
        var hit = SearchHit(kind: .post, id: row[0] as Int64? ?? 0)
        hit.platform = row[1]
        hit.postID = row[2]
        hit.url = row[3]
        hit.author = row[4]
        hit.body = row[5]
        hit.createdAt = row[6]
        hit.createdOffset = row[7]
        hit.latitude = row[8]
        hit.longitude = row[9]
        hit.nullIsland = (row[10] as Int64? ?? 0) != 0
        hit.deletedAt = row[11]
        hit.warcFile = row[12]
        hit.warcOffset = row[13]
        hit.warcLength = row[14]
        hit.recordID = row[15]
        hit.payloadDigest = row[16]
        hit.sourceFile = row[17]
        hit.sourceLine = row[18]
        hit.distanceKilometres = row[19]
        hit.score = row[20]
        return hit
    }

    // MARK: - Pages

    private static let pageColumns = """
        g.id, g.url, g.title, g.fetched_at, g.mime_type, g.warc_file, g.warc_offset, g.warc_length, g.record_id, \
        g.payload_digest
        """

    private static func pages(_ db: Database, _ request: SearchRequest) throws -> [SearchHit] {
        var filter = SQLFilter()
        if let since = request.since { filter.since("g.fetched_at", since) }
        if let until = request.until { filter.until("g.fetched_at", until) }
        var hits: [SearchHit]
        if let query = request.query {
            let match = query.wordsMatch
            if request.effectiveSort == .relevance {
                hits = try ranked(
                    db, request: request, filter: filter, ftsTable: "pages_fts", match: match,
                    select: "SELECT \(pageColumns), f.rank FROM", join: "JOIN pages g ON g.id = f.rid",
                    selectArguments: [], read: pageHit)
            } else {
                let sql = """
                    SELECT \(pageColumns), NULL FROM pages g
                    WHERE g.id IN (SELECT rowid FROM pages_fts WHERE pages_fts MATCH ?) \(filter.andClause)
                    ORDER BY g.fetched_at DESC, g.id DESC \(limitClause(request))
                    """
                hits = try Row.fetchAll(db, sql: sql, arguments: filter.statementArguments(leading: [match])).map(
                    pageHit)
            }
            try addSnippets(db, to: &hits, ftsTable: "pages_fts", column: 1, match: match)
        } else {
            let sql = """
                SELECT \(pageColumns), NULL FROM pages g \(filter.whereClause)
                ORDER BY g.fetched_at DESC, g.id DESC \(limitClause(request))
                """
            hits = try Row.fetchAll(db, sql: sql, arguments: filter.statementArguments()).map(pageHit)
        }
        return hits
    }

    private static func pageHit(_ row: Row) -> SearchHit {
        var hit = SearchHit(kind: .page, id: row[0] as Int64? ?? 0)
        hit.url = row[1]
        hit.title = row[2]
        hit.createdAt = row[3]
        hit.mimeType = row[4]
        hit.warcFile = row[5]
        hit.warcOffset = row[6]
        hit.warcLength = row[7]
        hit.recordID = row[8]
        hit.payloadDigest = row[9]
        hit.score = row[10]
        return hit
    }

    // MARK: - Media

    private static func media(_ db: Database, _ request: SearchRequest) throws -> [SearchHit] {
        var filter = SQLFilter()
        if let since = request.since { filter.since("m.taken_at", since) }
        if let until = request.until { filter.until("m.taken_at", until) }
        if let author = request.author {
            filter.add("m.post_id IN (SELECT id FROM posts WHERE author = ? COLLATE NOCASE)", [Self.handle(author)])
        }
        filter.place(request, alias: "m", idColumn: "id", geoTable: "media_geo")
        let (distance, distanceArguments) = distanceColumn(request, alias: "m")
        let sql = """
            SELECT m.id, m.url, m.taken_at, m.latitude, m.longitude, m.null_island, m.mime_type, m.warc_file,
                m.warc_offset, m.warc_length, m.record_id, m.payload_digest,
                (SELECT author FROM posts WHERE posts.id = m.post_id)\(distance), m.source_file, m.source_index
            FROM media m \(filter.whereClause)
            ORDER BY m.taken_at DESC, m.id DESC \(limitClause(request))
            """
        return try Row.fetchAll(db, sql: sql, arguments: filter.statementArguments(leading: distanceArguments)).map {
            row in
            var hit = SearchHit(kind: .media, id: row[0] as Int64? ?? 0)
            hit.url = row[1]
            hit.createdAt = row[2]
            hit.latitude = row[3]
            hit.longitude = row[4]
            hit.nullIsland = (row[5] as Int64? ?? 0) != 0
            hit.mimeType = row[6]
            hit.warcFile = row[7]
            hit.warcOffset = row[8]
            hit.warcLength = row[9]
            hit.recordID = row[10]
            hit.payloadDigest = row[11]
            hit.author = row[12]
            hit.distanceKilometres = row[13]
            // Rows from exiftool -json files: the JSON file and the object's index in its array.
            hit.sourceFile = row[14]
            hit.sourceLine = row[15]
            return hit
        }
    }

    // MARK: - Shared

    private static func limitClause(_ request: SearchRequest) -> String {
        request.limit.map { "LIMIT \($0)" } ?? ""
    }

    /// bm25-ranked hits: FTS-only subquery (rowid, rank) with a LIMIT, then the join and filters;
    /// the LIMIT grows ×8 while filters leave too few hits and matches remain.
    private static func ranked(
        _ db: Database, request: SearchRequest, filter: SQLFilter, ftsTable: String, match: String, select: String,
        join: String, selectArguments: [(any DatabaseValueConvertible)?], read: (Row) -> SearchHit
    ) throws -> [SearchHit] {
        let limit = request.limit
        // With a filter, rank a first slice; when it holds too few hits, rank every match once.
        // (FTS5 scores every match for ORDER BY rank anyway: deepening the slice step by step only
        // repeated that work — a text query with a one-day window took 7× the plain SQL at 10M posts.)
        var depth: Int? = limit.map { filter.isEmpty ? $0 : max($0 * 4, 200) }
        while true {
            let inner =
                "SELECT rowid AS rid, rank FROM \(ftsTable) WHERE \(ftsTable) MATCH ? ORDER BY rank"
                + (depth.map { " LIMIT \($0)" } ?? "")
            let sql = "\(select) (\(inner)) AS f \(join) \(filter.whereClause) ORDER BY f.rank \(limitClause(request))"
            let hits = try Row.fetchAll(
                db, sql: sql, arguments: filter.statementArguments(leading: selectArguments + [match])
            ).map(read)
            guard let limit, depth != nil, hits.count < limit, !filter.isEmpty else { return hits }
            depth = nil
        }
    }

    /// Adds `snippet()` excerpts for `hits` (one query for all of them).
    private static func addSnippets(
        _ db: Database, to hits: inout [SearchHit], ftsTable: String, column: Int, match: String
    ) throws {
        guard !hits.isEmpty else { return }
        var excerpts: [Int64: String] = [:]
        // Chunks keep the statement under SQLite's parameter limit.
        for chunk in stride(from: 0, to: hits.count, by: 500) {
            let ids = hits[chunk..<min(chunk + 500, hits.count)].map(\.id)
            let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
            let sql = """
                SELECT rowid, snippet(\(ftsTable), \(column), char(1), char(2), '…', 24) FROM \(ftsTable)
                WHERE \(ftsTable) MATCH ? AND rowid IN (\(placeholders))
                """
            let rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments([match] + ids))
            for row in rows {
                if let id = row[0] as Int64?, let text = row[1] as String? { excerpts[id] = text }
            }
        }
        for index in hits.indices { hits[index].snippet = excerpts[hits[index].id] }
    }
}
