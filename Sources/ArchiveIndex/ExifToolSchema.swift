import GRDB

/// The `media` columns for rows imported from `exiftool -json` files (migration
/// "v5-exiftool-json"): where each row came from and the object itself.
///
/// - `source_file`: the JSON file (absolute path), `source_index`: the object's 0-based index in
///   its array (`jq '.[N]'`), `exiftool_json`: the object's bytes exactly as the file has them.
/// - One row per (JSON file, SourceFile): importing the file again changes nothing.
///
/// Rows read from WARC records leave the three columns NULL.
enum ExifToolSchema {
    /// Migration "v5-exiftool-json".
    static func createV5(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE media ADD COLUMN source_file TEXT;
                ALTER TABLE media ADD COLUMN source_index INTEGER;
                ALTER TABLE media ADD COLUMN exiftool_json TEXT;
                CREATE UNIQUE INDEX media_source ON media(source_file, url) WHERE source_file IS NOT NULL;
                """)
    }
}
