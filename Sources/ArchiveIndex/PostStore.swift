public import GRDB
import PlatformAdapters

/// Writes posts into the index inside an open transaction, and fills `posts_fts` and
/// `posts_geo` in batches: rows are inserted first, then one `INSERT … SELECT … WHERE id > ?`
/// per batch (notes/search.md: per-row FTS work under a trigger costs 3–4× more).
///
/// Rows with `id <= filledThrough` are in the FTS and R*Tree tables; an edit to such a row updates
/// them at once, an edit to a newer row is picked up by the next `flush`.
public struct PostStore {
    /// Posts inserted per FTS/R*Tree batch.
    public static let batchSize = 5000

    /// What `store` did with one post.
    public enum Outcome: Sendable, Hashable {
        /// A new post.
        case inserted
        /// A known post whose content changed.
        case updated
        /// A known post, unchanged.
        case unchanged
    }

    private var filledThrough: Int64
    private var pending = 0
    private let linkMedia: Bool

    /// Starts a store on `db`; every post already there is taken as indexed.
    public init(_ db: Database) throws {
        filledThrough = try Int64.fetchOne(db, sql: "SELECT max(id) FROM posts") ?? 0
        linkMedia = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM media)") ?? false
    }

    /// Inserts `post`, or updates it when its content changed since it was stored.
    public mutating func store(_ post: PostRecord, provenance: PostProvenance, in db: Database) throws -> Outcome {
        var post = post
        if post.adapter != nil { try reconcileIdentity(&post, in: db) }
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO posts (platform, post_id, url, author, author_display, created_at, created_offset, body,
                    lang, reply_to, repost_of, latitude, longitude, null_island, deleted_at, seen_at, warc_file,
                    warc_offset, warc_length, record_id, payload_digest, source_file, source_line, adapter, tags, mentions)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (platform, post_id) DO NOTHING
                """)
        let content = Self.content(post)
        let tags = PostTags(text: post.body)
        try insert.execute(
            arguments: StatementArguments(
                [post.platform, post.postID] + content + [
                    post.deletedAt?.utcText, provenance.seenAt, provenance.warcFile, provenance.warcOffset,
                    provenance.warcLength, provenance.recordID, provenance.payloadDigest, provenance.sourceFile,
                    provenance.sourceLine, post.adapter, tags.tagsText, tags.mentionsText,
                ]))
        let outcome: Outcome
        let id: Int64
        if db.changesCount == 1 {
            id = db.lastInsertedRowID
            pending += 1
            outcome = .inserted
        } else {
            (id, outcome) = try update(post, content: content, tags: tags, provenance: provenance, in: db)
        }
        var linked = false
        for (position, media) in post.media.enumerated() {
            let link = try db.cachedStatement(
                sql: "INSERT INTO post_media (post_id, url, position, info) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
            try link.execute(arguments: [id, media.url, position, media.info])
            if db.changesCount > 0 { linked = true }
            if linkMedia {
                try db.cachedStatement(sql: "UPDATE media SET post_id = ? WHERE url = ? AND post_id IS NULL")
                    .execute(arguments: [id, media.url])
            }
        }
        if pending >= Self.batchSize { try flush(db) }
        return outcome == .unchanged && linked ? .updated : outcome
    }

    /// Fills the FTS and R*Tree tables for the posts inserted since the last flush.
    public mutating func flush(_ db: Database) throws {
        guard pending > 0 else { return }
        try db.cachedStatement(
            sql: """
                INSERT INTO posts_fts (rowid, body, author, tags, mentions)
                SELECT id, body, author, tags, mentions FROM posts WHERE id > ?
                """
        )
        .execute(arguments: [filledThrough])
        try db.cachedStatement(
            sql: """
                INSERT INTO posts_geo (id, min_lon, max_lon, min_lat, max_lat)
                SELECT id, longitude, longitude, latitude, latitude FROM posts
                WHERE id > ? AND latitude IS NOT NULL AND longitude IS NOT NULL
                """
        ).execute(arguments: [filledThrough])
        filledThrough = try Int64.fetchOne(db, sql: "SELECT max(id) FROM posts") ?? filledThrough
        pending = 0
    }

    /// Feeds name a post by its page URL, pages and APIs by the platform's id: one post, one row,
    /// whichever was archived first.
    private func reconcileIdentity(_ post: inout PostRecord, in db: Database) throws {
        if post.postID.hasPrefix("http://") || post.postID.hasPrefix("https://") {
            let known = try String.fetchOne(
                db.cachedStatement(sql: "SELECT post_id FROM posts WHERE platform = ? AND url = ? LIMIT 1"),
                arguments: [post.platform, post.postID])
            if let known { post.postID = known }
        } else if let url = post.url, url != post.postID {
            try db.cachedStatement(
                sql: """
                    UPDATE posts SET post_id = ? WHERE platform = ? AND post_id = ?
                    AND NOT EXISTS (SELECT 1 FROM posts WHERE platform = ? AND post_id = ?)
                    """
            ).execute(arguments: [post.postID, post.platform, url, post.platform, post.postID])
        }
    }

    /// How complete a source's reading of a post is, as its adapter declares (`PlatformAdapter`):
    /// platform APIs and dumps carry every field, HTML pages most, feeds the fewest. Dumps (no
    /// adapter) and adapters this build does not know count as complete.
    static func rank(_ adapter: String?) -> PostCompleteness {
        adapter.flatMap { AdapterSet.completenessByName[$0] } ?? .complete
    }

    /// The columns compared to decide whether a post changed, in `INSERT` order.
    private static func content(_ post: PostRecord) -> [(any DatabaseValueConvertible)?] {
        [
            post.url, post.author, post.authorDisplay, post.createdAt.utcText, post.createdAt.offsetText, post.body,
            post.lang, post.replyTo, post.repostOf, post.latitude, post.longitude, post.isNullIsland ? 1 : 0,
        ]
    }

    private mutating func update(
        _ post: PostRecord, content: [(any DatabaseValueConvertible)?], tags: PostTags, provenance: PostProvenance,
        in db: Database
    ) throws -> (Int64, Outcome) {
        let select = try db.cachedStatement(
            sql: """
                SELECT id, url, author, author_display, created_at, created_offset, body, lang, reply_to, repost_of,
                    latitude, longitude, null_island, deleted_at, seen_at, record_id, payload_digest, source_file,
                    source_line, adapter, tags, mentions
                FROM posts WHERE platform = ? AND post_id = ?
                """)
        guard let row = try Row.fetchOne(select, arguments: [post.platform, post.postID]), let id = row[0] as Int64?
        else {
            throw ArchiveIndexError.database(
                path: "archive.sqlite", context: "storing post \(post.platform)/\(post.postID)", message: "row vanished"
            )
        }
        let stored = (1...12).map { row[$0] as DatabaseValue }
        let incoming = content.map { $0?.databaseValue ?? .null }
        let storedAdapter: String? = row[19]
        // Another adapter's reading of the same post (its page vs its API object) is no edit:
        // the richer source replaces a poorer one silently, a poorer one changes nothing.
        let sameSource = storedAdapter == post.adapter
        let richer = !sameSource && Self.rank(post.adapter) > Self.rank(storedAdapter)
        // A feed is a summary (shortened bodies, fields that differ between its RSS and Atom
        // forms): edits are told from pages and APIs only.
        let contentChanged = stored != incoming && ((sameSource && post.adapter != "feed") || richer)
        let newlyDeleted = post.deletedAt != nil && row[13] as String? == nil
        guard contentChanged || newlyDeleted else { return (id, .unchanged) }
        let indexed = id <= filledThrough
        let oldBody: String = row[6] as String? ?? ""
        let oldAuthor: String? = row[2]
        let oldTags: String = row[20] as String? ?? ""
        let oldMentions: String = row[21] as String? ?? ""
        if contentChanged, !richer {
            try db.cachedStatement(
                sql: """
                    INSERT INTO post_versions (post_id, seen_at, body, record_id, payload_digest, source_file, source_line)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                id, row[14] as String?, oldBody, row[15] as String?, row[16] as String?, row[17] as String?,
                row[18] as Int64?,
            ])
        }
        if contentChanged {
            if indexed {
                try db.cachedStatement(
                    sql: """
                        INSERT INTO posts_fts (posts_fts, rowid, body, author, tags, mentions)
                        VALUES ('delete', ?, ?, ?, ?, ?)
                        """
                )
                .execute(arguments: [id, oldBody, oldAuthor, oldTags, oldMentions])
                try db.cachedStatement(sql: "DELETE FROM posts_geo WHERE id = ?").execute(arguments: [id])
            }
            try db.cachedStatement(
                sql: """
                    UPDATE posts SET url = ?, author = ?, author_display = ?, created_at = ?, created_offset = ?, body = ?,
                        lang = ?, reply_to = ?, repost_of = ?, latitude = ?, longitude = ?, null_island = ?,
                        deleted_at = coalesce(deleted_at, ?), seen_at = ?, warc_file = ?, warc_offset = ?, warc_length = ?,
                        record_id = ?, payload_digest = ?, source_file = ?, source_line = ?, adapter = ?, tags = ?,
                        mentions = ?
                    WHERE id = ?
                    """
            ).execute(
                arguments: StatementArguments(
                    content + [
                        post.deletedAt?.utcText, provenance.seenAt, provenance.warcFile, provenance.warcOffset,
                        provenance.warcLength, provenance.recordID, provenance.payloadDigest, provenance.sourceFile,
                        provenance.sourceLine, post.adapter, tags.tagsText, tags.mentionsText, id,
                    ]))
            if indexed {
                try db.cachedStatement(
                    sql: "INSERT INTO posts_fts (rowid, body, author, tags, mentions) VALUES (?, ?, ?, ?, ?)"
                )
                .execute(arguments: [id, post.body, post.author, tags.tagsText, tags.mentionsText])
                if let latitude = post.latitude, let longitude = post.longitude {
                    try db.cachedStatement(
                        sql: "INSERT INTO posts_geo (id, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)"
                    ).execute(arguments: [id, longitude, longitude, latitude, latitude])
                }
            }
        } else {
            try db.cachedStatement(sql: "UPDATE posts SET deleted_at = ? WHERE id = ?").execute(arguments: [
                post.deletedAt?.utcText, id,
            ])
        }
        return (id, richer && !newlyDeleted ? .unchanged : .updated)
    }
}
