import Crawling
import GRDB
import WARC

/// Finds where a record named by a `RecordAddress` lies: through archive.sqlite (captures,
/// pages, media, posts) and, for record ids the index does not list (request and metadata
/// records), by reading the WARC files.
struct RecordLocator {
    /// A record's place: the file's path on disk, its name as the archive refers to it, the offset.
    struct Place: Equatable {
        var path: String
        var file: String
        var offset: Int64
    }

    let layout: ArchiveLayout

    func locate(_ address: RecordAddress) throws(ShowError) -> Place {
        switch address {
        case .location(let file, let offset):
            return try place(file: file, offset: offset)
        case .url(let url):
            let sql = """
                SELECT warc_file, warc_offset FROM captures WHERE url = ?
                ORDER BY fetched_at DESC, id DESC LIMIT 1
                """
            var found = try lookup(sql, url)
            // Captures store URLs normalised as the crawler does (lower-case host, no default port, ...).
            if found == nil, let normalised = CrawlURL(url)?.string, normalised != url {
                found = try lookup(sql, normalised)
            }
            guard let row = found else {
                guard fileExists(layout.databasePath) else {
                    throw .notFound("no archive index at \(layout.databasePath) to find \(url) in; use FILE:OFFSET")
                }
                throw .notFound("no capture of \(url) in \(layout.databasePath) (try vestige search to find its URL)")
            }
            return try place(file: row.file, offset: row.offset)
        case .recordID(let id):
            for table in ["captures", "pages", "media", "posts"] {
                let sql = """
                    SELECT warc_file, warc_offset FROM \(table)
                    WHERE record_id = ? COLLATE NOCASE AND warc_file IS NOT NULL LIMIT 1
                    """
                if let row = try lookup(sql, id) { return try place(file: row.file, offset: row.offset) }
            }
            if let found = scan(for: id) { return found }
            throw .notFound("no record \(id) in \(layout.warcDirectory) (nor in \(layout.databasePath))")
        }
    }

    /// A file name from the argument or the index, checked: a plain name in `DIR/warc`, or a
    /// path that archive.sqlite itself lists (WARC files imported from elsewhere).
    func place(file: String, offset: Int64) throws(ShowError) -> Place {
        if file.contains("/") || file == "." || file == ".." {
            guard isListed(file) else {
                throw .usage(
                    "'\(file)': give the WARC file's name relative to \(layout.warcDirectory) "
                        + "(no folders, no ..), as vestige search prints it")
            }
            guard fileExists(file) else { throw .notFound("WARC file \(file) (listed in archive.sqlite) is missing") }
            return Place(path: file, file: file, offset: offset)
        }
        let path = layout.warcPath(file)
        guard fileExists(path) else {
            throw .notFound("no WARC file \(file) in \(layout.warcDirectory) (names are as vestige search prints them)")
        }
        return Place(path: path, file: file, offset: offset)
    }

    private func isListed(_ name: String) -> Bool {
        guard let queue = openDatabase() else { return false }
        let count = try? queue.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM warc_files WHERE name = ?", arguments: [name])
        }
        return (count ?? 0) > 0
    }

    private func lookup(_ sql: String, _ argument: String) throws(ShowError) -> (file: String, offset: Int64)? {
        // Without an index a record id is still found by reading the WARC files; a URL is not.
        guard let queue = openDatabase() else { return nil }
        do {
            return try queue.read { db in
                guard try db.tableExists("captures") else { return nil }
                guard let row = try Row.fetchOne(db, sql: sql, arguments: [argument]) else { return nil }
                return (row["warc_file"], row["warc_offset"])
            }
        } catch let error as DatabaseError where error.message?.contains("no such table") == true {
            return nil
        } catch {
            throw .notFound("\(layout.databasePath): cannot be read: \(error)")
        }
    }

    private func openDatabase() -> DatabaseQueue? {
        guard fileExists(layout.databasePath) else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        return try? DatabaseQueue(path: layout.databasePath, configuration: configuration)
    }

    /// Reads every WARC file of the archive for a record the index does not list.
    private func scan(for id: String) -> Place? {
        for name in directoryEntries(layout.warcDirectory, suffixes: WARCCompression.fileSuffixes) {
            guard let reader = try? WARCReader(path: layout.warcPath(name)) else { continue }
            var failures = 0
            while failures < 1000 {
                let entry: WARCEntry?
                do {
                    entry = try reader.next()
                } catch {
                    failures += 1
                    continue
                }
                guard let entry else { break }
                if entry.record.recordID?.lowercased() == id.lowercased() {
                    return Place(path: layout.warcPath(name), file: name, offset: entry.offset)
                }
            }
        }
        return nil
    }
}
