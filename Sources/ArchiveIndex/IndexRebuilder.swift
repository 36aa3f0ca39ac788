import GRDB
public import PlatformAdapters
import WARC

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `vestige reindex`: rebuilds the index from the WARC files, the source of truth.
///
/// Pages, media and the captures of the files found are deleted and read again from
/// `<archive>/warc/*.warc(.gz|.zst)`; the posts' FTS and R*Tree tables are rebuilt from `posts`.
/// Posts themselves are kept (JSONL dumps are not in the WARC files), and so are media rows
/// imported from exiftool JSON.
public enum IndexRebuilder {
    /// The `.warc` / `.warc.gz` / `.warc.zst` files in `directory`, sorted by name.
    public static func warcFiles(in directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if WARCCompression.fileSuffixes.contains(where: name.hasSuffix) { names.append(name) }
        }
        return names.sorted()
    }

    /// Rebuilds the index of `database` from the WARC files in `warcDirectory`.
    public static func rebuild(
        database: ArchiveDatabase, warcDirectory: String, adapters: AdapterSet = .standard(),
        problem: (ImportProblem) -> Void, progress: ((ImportProgress) -> Void)? = nil
    ) throws -> ImportSummary {
        let names = warcFiles(in: warcDirectory)
        try database.writer.write { db in
            try db.execute(sql: "INSERT INTO pages_fts (pages_fts) VALUES ('delete-all')")
            try db.execute(sql: "DELETE FROM pages")
            // Media read from exiftool JSON files are not in the WARC files: they stay.
            try db.execute(sql: "DELETE FROM media_geo WHERE id IN (SELECT id FROM media WHERE source_file IS NULL)")
            try db.execute(sql: "DELETE FROM media WHERE source_file IS NULL")
            try db.execute(sql: "DELETE FROM indexed_warcs")
            for name in names { try db.execute(sql: "DELETE FROM captures WHERE warc_file = ?", arguments: [name]) }
            try db.execute(sql: "INSERT INTO posts_fts (posts_fts) VALUES ('rebuild')")
            try db.execute(sql: "DELETE FROM posts_geo")
            try db.execute(
                sql: """
                    INSERT INTO posts_geo (id, min_lon, max_lon, min_lat, max_lat)
                    SELECT id, longitude, longitude, latitude, latitude FROM posts
                    WHERE latitude IS NOT NULL AND longitude IS NOT NULL
                    """)
        }
        var summary = ImportSummary()
        let importer = WARCImporter(database: database, adapters: adapters)
        for name in names {
            summary.add(
                try importer.importFile(
                    path: warcDirectory + "/" + name, name: name, problem: problem, progress: progress))
        }
        return summary
    }
}
