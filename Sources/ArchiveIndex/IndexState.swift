import GRDB

/// FTS and R*Tree batch state of a WARC import: pages and media inserted since the last fill.
struct IndexState {
    var pagesFilledThrough: Int64
    var mediaFilledThrough: Int64
    var pendingPages = 0
    var pendingMedia = 0

    init(_ db: Database) throws {
        pagesFilledThrough = try Int64.fetchOne(db, sql: "SELECT max(id) FROM pages") ?? 0
        mediaFilledThrough = try Int64.fetchOne(db, sql: "SELECT max(id) FROM media") ?? 0
    }

    mutating func flush(_ db: Database) throws {
        if pendingPages > 0 {
            try db.execute(
                sql: "INSERT INTO pages_fts (rowid, title, text) SELECT id, title, text FROM pages WHERE id > ?",
                arguments: [pagesFilledThrough])
            pagesFilledThrough = try Int64.fetchOne(db, sql: "SELECT max(id) FROM pages") ?? pagesFilledThrough
            pendingPages = 0
        }
        if pendingMedia > 0 {
            try db.execute(
                sql: """
                    INSERT INTO media_geo (id, min_lon, max_lon, min_lat, max_lat)
                    SELECT id, longitude, longitude, latitude, latitude FROM media
                    WHERE id > ? AND latitude IS NOT NULL AND longitude IS NOT NULL
                    """, arguments: [mediaFilledThrough])
            mediaFilledThrough = try Int64.fetchOne(db, sql: "SELECT max(id) FROM media") ?? mediaFilledThrough
            pendingMedia = 0
        }
    }
}
