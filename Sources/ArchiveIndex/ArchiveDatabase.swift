public import GRDB

/// `DIR/archive.sqlite`: the crawl frontier, the captures (one per WARC record) and the WARC
/// files written, in one SQLite database (WAL mode, foreign keys on).
///
/// The WARC files are the evidence; these tables say what is in them and what is still to do.
public final class ArchiveDatabase: Sendable {
    /// The database queue; all access is serialised through it.
    public let writer: DatabaseQueue

    /// Opens (and creates or migrates) the database at `path`.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        writer = try DatabaseQueue(path: path, configuration: configuration)
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
        try Self.migrator.migrate(writer)
    }

    /// Schema steps, in order; a step never changes once released.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-frontier") { db in
            try db.execute(
                sql: """
                    CREATE TABLE frontier (
                        id INTEGER PRIMARY KEY,
                        url TEXT NOT NULL UNIQUE,
                        origin TEXT NOT NULL,
                        depth INTEGER NOT NULL,
                        priority INTEGER NOT NULL DEFAULT 0,
                        state TEXT NOT NULL DEFAULT 'queued'
                            CHECK (state IN ('queued', 'in_flight', 'done', 'failed', 'retry', 'excluded')),
                        attempts INTEGER NOT NULL DEFAULT 0,
                        retry_at REAL,
                        reason TEXT,
                        via TEXT,
                        redirects INTEGER NOT NULL DEFAULT 0,
                        added_at REAL NOT NULL,
                        updated_at REAL NOT NULL
                    );
                    CREATE INDEX frontier_pick ON frontier(state, priority DESC, id);
                    CREATE INDEX frontier_origin ON frontier(origin, state);
                    CREATE TABLE warc_files (
                        name TEXT PRIMARY KEY,
                        opened_at REAL NOT NULL,
                        closed_at REAL,
                        records INTEGER NOT NULL DEFAULT 0,
                        bytes INTEGER NOT NULL DEFAULT 0,
                        sha256 TEXT
                    );
                    CREATE TABLE captures (
                        id INTEGER PRIMARY KEY,
                        url TEXT NOT NULL,
                        record_type TEXT NOT NULL,
                        status INTEGER,
                        mime TEXT,
                        payload_digest TEXT,
                        record_id TEXT NOT NULL UNIQUE,
                        warc_file TEXT NOT NULL REFERENCES warc_files(name),
                        warc_offset INTEGER NOT NULL,
                        warc_length INTEGER NOT NULL,
                        fetched_at TEXT NOT NULL,
                        ip TEXT,
                        refers_to TEXT
                    );
                    CREATE INDEX captures_url ON captures(url);
                    CREATE INDEX captures_digest ON captures(payload_digest);
                    """)
        }
        migrator.registerMigration("v2-index") { db in try IndexSchema.createV2(db) }
        // Which platform adapter (or dump) gave a post its current content: the same post seen
        // through the API and through its HTML page must not look like an edit.
        migrator.registerMigration("v3-post-adapter") { db in
            try db.execute(sql: "ALTER TABLE posts ADD COLUMN adapter TEXT")
            // A feed names posts by their page URL (finding the post a feed item is), and a recrawl
            // goes from a URL that answered 404/410 to the posts it stood for.
            try db.execute(sql: "CREATE INDEX posts_url ON posts(url)")
            try db.execute(sql: "CREATE INDEX posts_record ON posts(record_id)")
        }
        migrator.registerMigration("v4-tags") { db in try IndexSchema.migrateV4Tags(db) }
        // Media rows from `exiftool -json` files: the JSON file, the object's index, the object.
        migrator.registerMigration("v5-exiftool-json") { db in try ExifToolSchema.createV5(db) }
        // Which WARC files the index has read in full, at which size: a crawl indexes only the
        // files it wrote since (WARC files are never appended once closed).
        migrator.registerMigration("v6-indexed-warcs") { db in
            try db.execute(
                sql: """
                    CREATE TABLE indexed_warcs (
                        name TEXT PRIMARY KEY,
                        bytes INTEGER NOT NULL,
                        indexed_at TEXT NOT NULL
                    )
                    """)
        }
        // `warc_files` times as ISO 8601 UTC text like every other time in the index (imports
        // wrote epoch seconds, the crawl WARC-Date text). Deferred foreign keys: the table is rebuilt.
        migrator.registerMigration("v7-warc-file-times", foreignKeyChecks: .deferred) { db in
            try WARCFileTime.migrateV7(db)
        }
        return migrator
    }

    /// True when every migration this vestige knows has run on `db` (read-only check).
    public static func isCurrent(_ db: Database) throws -> Bool {
        try migrator.hasCompletedMigrations(db)
    }

    /// The names of the migrations that have run on `db`, in order.
    public static func completedMigrations(_ db: Database) throws -> [String] {
        try migrator.completedMigrations(db)
    }

    /// Runs a query on the one connection without a transaction. Use this rather than
    /// `writer.read` on hot paths: GRDB's `read` toggles `PRAGMA query_only`, and SQLite expires
    /// every prepared statement of the connection on that pragma, so each read made all cached
    /// statements compile again (a quarter of a crawl's SQLite time).
    public func read<T>(_ block: (Database) throws -> T) throws -> T {
        try writer.writeWithoutTransaction(block)
    }

    /// Copies the WAL into the main file so tools that open the file read-only see everything.
    public func checkpoint() throws {
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }
}
