import GRDB

/// The search index tables of `archive.sqlite`: posts, pages, media and their versions, the
/// external-content FTS5 tables and the R*Tree place indexes.
///
/// Names follow Datasette / sqlite-utils conventions (`content="posts"` in double quotes, the
/// tokenizer set in the FTS table itself, `latitude`/`longitude` columns) so that
/// `datasette archive.sqlite` offers full-text search and maps without configuration.
/// FTS and R*Tree tables are filled in batches by the importers, never by triggers
/// (see notes/search.md: per-row trigger fills cost 3–4× more).
enum IndexSchema {
    /// The tokenizer of every FTS table since "v4-tags": case- and diacritic-insensitive, no
    /// stemming, SQLite's built-in unicode61 (so Datasette and the sqlite3 CLI read the tables).
    /// `#` and `@` separate tokens, so the word `lockdown` finds `#lockdown`; `#tag` and
    /// `@handle` searches go to the `tags` and `mentions` columns (see `PostTags`). `_` stays
    /// inside tokens, as in handles and tags (`stop_the_steal`).
    static let tokenizer = "unicode61 remove_diacritics 2 tokenchars '_'"

    /// The tokenizer "v2-index" created the FTS tables with (`#` and `@` inside tokens).
    static let tokenizerV2 = "unicode61 remove_diacritics 2 tokenchars '#@_'"

    /// Migration "v2-index": creates the index tables.
    static func createV2(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE posts (
                    id INTEGER PRIMARY KEY,
                    platform TEXT NOT NULL,
                    post_id TEXT NOT NULL,
                    url TEXT,
                    author TEXT,
                    author_display TEXT,
                    created_at TEXT,
                    created_offset TEXT,
                    body TEXT NOT NULL DEFAULT '',
                    lang TEXT,
                    reply_to TEXT,
                    repost_of TEXT,
                    latitude REAL,
                    longitude REAL,
                    null_island INTEGER NOT NULL DEFAULT 0,
                    deleted_at TEXT,
                    seen_at TEXT,
                    warc_file TEXT,
                    warc_offset INTEGER,
                    warc_length INTEGER,
                    record_id TEXT,
                    payload_digest TEXT,
                    source_file TEXT,
                    source_line INTEGER,
                    UNIQUE (platform, post_id)
                );
                CREATE INDEX posts_created_at ON posts(created_at);
                CREATE INDEX posts_author ON posts(author COLLATE NOCASE);
                CREATE INDEX posts_deleted_at ON posts(deleted_at) WHERE deleted_at IS NOT NULL;

                CREATE TABLE post_versions (
                    id INTEGER PRIMARY KEY,
                    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
                    seen_at TEXT,
                    body TEXT,
                    record_id TEXT,
                    payload_digest TEXT,
                    source_file TEXT,
                    source_line INTEGER
                );
                CREATE INDEX post_versions_post ON post_versions(post_id);

                CREATE TABLE pages (
                    id INTEGER PRIMARY KEY,
                    url TEXT NOT NULL,
                    title TEXT,
                    text TEXT NOT NULL DEFAULT '',
                    fetched_at TEXT,
                    status INTEGER,
                    mime_type TEXT,
                    warc_file TEXT,
                    warc_offset INTEGER,
                    warc_length INTEGER,
                    record_id TEXT NOT NULL UNIQUE,
                    payload_digest TEXT
                );
                CREATE INDEX pages_url ON pages(url);
                CREATE INDEX pages_fetched_at ON pages(fetched_at);

                CREATE TABLE media (
                    id INTEGER PRIMARY KEY,
                    url TEXT NOT NULL,
                    post_id INTEGER REFERENCES posts(id) ON DELETE SET NULL,
                    file_type TEXT,
                    mime_type TEXT,
                    image_width INTEGER,
                    image_height INTEGER,
                    make TEXT,
                    model TEXT,
                    software TEXT,
                    date_time_original TEXT,
                    create_date TEXT,
                    creation_date TEXT,
                    content_create_date TEXT,
                    offset_time_original TEXT,
                    latitude REAL,
                    longitude REAL,
                    gps_altitude REAL,
                    gps_date_time TEXT,
                    duration REAL,
                    taken_at TEXT,
                    sources TEXT,
                    warnings TEXT,
                    null_island INTEGER NOT NULL DEFAULT 0,
                    byte_count INTEGER,
                    fetched_at TEXT,
                    warc_file TEXT,
                    warc_offset INTEGER,
                    warc_length INTEGER,
                    record_id TEXT UNIQUE,
                    payload_digest TEXT
                );
                CREATE INDEX media_url ON media(url);
                CREATE INDEX media_post ON media(post_id);
                CREATE INDEX media_taken_at ON media(taken_at);

                CREATE TABLE post_media (
                    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
                    url TEXT NOT NULL,
                    position INTEGER NOT NULL DEFAULT 0,
                    info TEXT,
                    PRIMARY KEY (post_id, url)
                );
                CREATE INDEX post_media_url ON post_media(url);

                CREATE VIRTUAL TABLE posts_fts USING fts5(
                    body, author, content="posts", content_rowid="id",
                    tokenize="\(tokenizerV2)"
                );
                CREATE VIRTUAL TABLE pages_fts USING fts5(
                    title, text, content="pages", content_rowid="id",
                    tokenize="\(tokenizerV2)"
                );
                CREATE VIRTUAL TABLE posts_geo USING rtree(id, min_lon, max_lon, min_lat, max_lat);
                CREATE VIRTUAL TABLE media_geo USING rtree(id, min_lon, max_lon, min_lat, max_lat);
                """)
    }

    /// Migration "v4-tags": hashtags and mentions get columns of their own in `posts` and in
    /// `posts_fts`, and both FTS tables move to `tokenizer`, which no longer keeps `#` and `@`
    /// inside tokens. Existing posts get their tags from their bodies and both FTS tables are
    /// rebuilt from their content tables: nothing has to be imported again.
    static func migrateV4Tags(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE posts ADD COLUMN tags TEXT NOT NULL DEFAULT '';
                ALTER TABLE posts ADD COLUMN mentions TEXT NOT NULL DEFAULT '';
                """)
        let update = try db.makeStatement(sql: "UPDATE posts SET tags = ?, mentions = ? WHERE id = ?")
        let rows = try Row.fetchCursor(db, sql: "SELECT id, body FROM posts WHERE body LIKE '%#%' OR body LIKE '%@%'")
        var found: [(Int64, PostTags)] = []
        while let row = try rows.next() {
            let tags = PostTags(text: row["body"] ?? "")
            if !tags.tags.isEmpty || !tags.mentions.isEmpty, let id: Int64 = row["id"] { found.append((id, tags)) }
        }
        for (id, tags) in found {
            try update.execute(arguments: [tags.tagsText, tags.mentionsText, id])
        }
        try db.execute(
            sql: """
                DROP TABLE posts_fts;
                DROP TABLE pages_fts;
                \(postsFTSDefinition)
                \(pagesFTSDefinition)
                INSERT INTO posts_fts (posts_fts) VALUES ('rebuild');
                INSERT INTO pages_fts (pages_fts) VALUES ('rebuild');
                """)
    }

    /// `posts_fts` as "v4-tags" defines it; column order is the snippet's column numbers.
    static let postsFTSDefinition = """
        CREATE VIRTUAL TABLE posts_fts USING fts5(
            body, author, tags, mentions, content="posts", content_rowid="id",
            tokenize="\(tokenizer)"
        );
        """

    /// `pages_fts` as "v4-tags" defines it.
    static let pagesFTSDefinition = """
        CREATE VIRTUAL TABLE pages_fts USING fts5(
            title, text, content="pages", content_rowid="id",
            tokenize="\(tokenizer)"
        );
        """
}
