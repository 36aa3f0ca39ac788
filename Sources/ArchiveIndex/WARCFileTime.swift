public import GRDB
public import WARC

/// How `warc_files.opened_at` and `closed_at` are stored: ISO 8601 UTC text with microseconds
/// ("2026-11-25T14:30:00.123456Z"), the WARC 1.1 `WARC-Date` form. Every writer goes through
/// here so the column holds one type, which sorts as the instants do.
public enum WARCFileTime {
    /// `date` as `warc_files` stores it.
    public static func text(_ date: WARCDate) -> String { date.warc11String }

    /// The current time as `warc_files` stores it.
    public static func now() -> String { text(WARCDate.now()) }

    /// A stored value read back: text (any `WARC-Date` form), or epoch seconds as archives
    /// written before "v7-warc-file-times" held them; nil for anything else.
    public static func date(_ value: DatabaseValue) -> WARCDate? {
        switch value.storage {
        case .string(let text): WARCDate(parsing: text)
        case .double(let seconds): WARCDate(secondsSince1970: seconds)
        case .int64(let seconds): WARCDate(seconds: seconds)
        default: nil
        }
    }

    /// "v7-warc-file-times": rebuilds `warc_files` with TEXT time columns and rewrites every
    /// stored time in the one form; a value that is not a time is kept as it was.
    /// Runs with foreign keys deferred (`captures` refers to the table by name).
    static func migrateV7(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE warc_files_v7 (
                    name TEXT PRIMARY KEY,
                    opened_at TEXT NOT NULL,
                    closed_at TEXT,
                    records INTEGER NOT NULL DEFAULT 0,
                    bytes INTEGER NOT NULL DEFAULT 0,
                    sha256 TEXT
                )
                """)
        let rows = try Row.fetchAll(
            db, sql: "SELECT name, opened_at, closed_at, records, bytes, sha256 FROM warc_files")
        let insert = try db.makeStatement(
            sql: """
                INSERT INTO warc_files_v7 (name, opened_at, closed_at, records, bytes, sha256)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
        for row in rows {
            let opened: DatabaseValue = row["opened_at"]
            let closed: DatabaseValue = row["closed_at"]
            try insert.execute(arguments: [
                row["name"], normalised(opened), normalised(closed), row["records"], row["bytes"], row["sha256"],
            ])
        }
        try db.execute(sql: "DROP TABLE warc_files")
        try db.execute(sql: "ALTER TABLE warc_files_v7 RENAME TO warc_files")
    }

    private static func normalised(_ value: DatabaseValue) -> DatabaseValue {
        guard let date = date(value) else { return value }
        return text(date).databaseValue
    }
}
