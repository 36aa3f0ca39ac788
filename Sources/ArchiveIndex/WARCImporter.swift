import BinaryParsing
import GRDB
import HTMLParsing
import MediaMetadata
public import PlatformAdapters
import WARC

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Imports WARC / WARC.gz files from any crawler: every response, resource and revisit record
/// becomes a `captures` row; HTML responses become `pages` (title and visible text, searchable),
/// images and videos become `media` (every header field, place and time).
///
/// Idempotent by `WARC-Record-ID`. A record that cannot be read is reported with the file and
/// offset and skipped; the reader carries on with the next record.
public struct WARCImporter {
    /// Records per transaction.
    public static let commitEvery = 2000
    /// Largest payload parsed as HTML or media (bigger ones keep only their capture row).
    public static let maxParsedPayload = 64 << 20

    /// The archive written to.
    public let database: ArchiveDatabase
    /// What reads posts out of archived pages, API responses and feeds.
    public var adapters: AdapterSet

    /// An importer writing to `database`, reading posts with `adapters` (by default every
    /// standard adapter, chosen per response by detection).
    public init(database: ArchiveDatabase, adapters: AdapterSet = .standard()) {
        self.database = database
        self.adapters = adapters
    }

    /// Imports `path`. `name` is how `captures.warc_file` refers to the file: by default the bare
    /// file name when it lies in the archive's `warc/` folder, else the absolute path.
    public func importFile(
        path: String, name: String? = nil, problem: (ImportProblem) -> Void, progress: ((ImportProgress) -> Void)? = nil
    ) throws -> ImportSummary {
        if let missing = HTMLDocument.parserProblem { throw ArchiveIndexError.missingLibrary(missing) }
        var summary = ImportSummary()
        let reader: WARCReader
        do {
            reader = try WARCReader(path: path)
        } catch {
            problem(ImportProblem(file: path, message: "\(error)"))
            summary.bad = 1
            return summary
        }
        let warcName = name ?? Self.warcName(path: path, databasePath: database.writer.path)
        let total = FileStatus.size(path)
        try database.writer.writeWithoutTransaction { db in
            var state = try IndexState(db)
            var posts = try PostStore(db)
            var partials: [String: PartialMedia] = [:]
            try db.beginTransaction(.immediate)
            do {
                let now = WARCFileTime.now()
                try db.execute(
                    sql: """
                        INSERT INTO warc_files (name, opened_at, closed_at, records, bytes) VALUES (?, ?, ?, 0, ?)
                        ON CONFLICT (name) DO NOTHING
                        """,
                    arguments: [warcName, now, now, total])
                var inTransaction = 0
                var failures = 0
                while true {
                    let entry: WARCEntry
                    do throws(WARCError) {
                        guard let next = try reader.next() else { break }
                        entry = next
                        failures = 0
                    } catch {
                        summary.bad += 1
                        problem(ImportProblem(file: path, offset: error.offset, message: "\(error)"))
                        failures += 1
                        if failures > 1000 { break }
                        continue
                    }
                    do {
                        try importRecord(
                            entry, path: path, warcName: warcName, state: &state, posts: &posts,
                            partials: &partials, summary: &summary, db: db)
                    } catch let issue as ImportProblem {
                        summary.bad += 1
                        problem(issue)
                    }
                    inTransaction += 1
                    if inTransaction >= Self.commitEvery {
                        try state.flush(db)
                        try posts.flush(db)
                        try db.commit()
                        try db.beginTransaction(.immediate)
                        inTransaction = 0
                        progress?(
                            ImportProgress(file: path, bytesRead: entry.offset, totalBytes: total, summary: summary))
                    }
                }
                try insertPartialMedia(partials, state: &state, db: db)
                try state.flush(db)
                try posts.flush(db)
                try db.execute(
                    sql:
                        "UPDATE warc_files SET records = (SELECT count(*) FROM captures WHERE warc_file = ?) WHERE name = ?",
                    arguments: [warcName, warcName])
                try db.execute(
                    sql: """
                        INSERT INTO indexed_warcs (name, bytes, indexed_at) VALUES (?, ?, ?)
                        ON CONFLICT (name) DO UPDATE SET bytes = excluded.bytes, indexed_at = excluded.indexed_at
                        """, arguments: [warcName, total ?? 0, WARCDate.now().description])
                try db.commit()
            } catch {
                try? db.rollback()
                throw error
            }
        }
        progress?(ImportProgress(file: path, bytesRead: total ?? 0, totalBytes: total, summary: summary))
        return summary
    }

    /// Imports the WARC files of an archive's `warc/` folder that the index has not read in
    /// full at their present size: what a crawl wrote since the last indexing (or what a killed
    /// crawl or import left unread). Returns the names of the files read and what was done.
    public func importNewFiles(
        in warcDirectory: String, problem: (ImportProblem) -> Void, progress: ((ImportProgress) -> Void)? = nil
    ) throws -> (files: [String], summary: ImportSummary) {
        let indexed = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT name, bytes FROM indexed_warcs").reduce(into: [String: Int64]()) {
                if let name: String = $1["name"], let bytes: Int64 = $1["bytes"] { $0[name] = bytes }
            }
        }
        var files: [String] = []
        var summary = ImportSummary()
        for name in IndexRebuilder.warcFiles(in: warcDirectory) {
            let path = warcDirectory + "/" + name
            guard let size = FileStatus.size(path), indexed[name] != size else { continue }
            summary.add(try importFile(path: path, name: name, problem: problem, progress: progress))
            files.append(name)
        }
        return (files, summary)
    }

    /// The bare file name for a file in `<archive>/warc/`, else the absolute path.
    static func warcName(path: String, databasePath: String) -> String {
        let absolute = realPath(path) ?? path
        let archiveDirectory = realPath(
            String(
                databasePath.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")))
        let fileName = absolute.split(separator: "/").last.map(String.init) ?? absolute
        if let archiveDirectory, absolute == archiveDirectory + "/warc/" + fileName { return fileName }
        return absolute
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path.isEmpty ? "." : path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private func importRecord(
        _ entry: WARCEntry, path: String, warcName: String, state: inout IndexState, posts: inout PostStore,
        partials: inout [String: PartialMedia], summary: inout ImportSummary, db: Database
    ) throws {
        let record = entry.record
        guard let type = record.type, type == .response || type == .resource || type == .revisit else {
            summary.skipped += 1
            return
        }
        guard let recordID = record.recordID, let url = record.targetURI else {
            throw ImportProblem(
                file: path, offset: entry.offset,
                message: "\(record.typeName ?? "record") without WARC-Record-ID or WARC-Target-URI")
        }
        let fetchedAt = record.headers["WARC-Date"].flatMap { Timestamp(parsing: $0) }?.utcText
        var status: Int?
        var mime: String?
        var payload: ArraySlice<UInt8> = []
        var contentEncoding: String?
        var responseHeaders: [(name: String, value: String)]?
        var contentRange: String?
        switch type {
        case .response:
            if let http = HTTPResponseBlock(parsing: record.block) {
                responseHeaders = http.headers.map { ($0.name, $0.value) }
                contentRange = http.headers["Content-Range"]
                status = http.statusCode
                mime = http.mediaType
                payload = http.payload
                contentEncoding = http.headers["Content-Encoding"]
            } else if record.contentType?.lowercased().hasPrefix("application/http") == true {
                throw ImportProblem(
                    file: path, offset: entry.offset, message: "response record \(recordID) has no HTTP status line")
            } else {
                payload = record.block[...]
                mime = Self.mediaType(record.contentType)
            }
        case .resource:
            payload = record.block[...]
            mime = Self.mediaType(record.contentType)
        default:
            break
        }
        let digest =
            record.payloadDigest?.description ?? (type == .revisit ? nil : WARCDigest.compute(payload).description)
        try db.cachedStatement(
            sql: """
                INSERT INTO captures (url, record_type, status, mime, payload_digest, record_id, warc_file, warc_offset,
                    warc_length, fetched_at, ip, refers_to)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (record_id) DO NOTHING
                """
        ).execute(
            arguments: [
                url, record.typeName ?? type.rawValue, status, mime, digest, recordID, warcName, entry.offset,
                entry.length,
                fetchedAt ?? "", record.ipAddress, record.refersTo,
            ])
        let newCapture = db.changesCount > 0
        if type == .response, let status, let headers = responseHeaders, payload.count <= Self.maxParsedPayload {
            let provenance = PostProvenance(
                seenAt: fetchedAt, warcFile: warcName, warcOffset: entry.offset, warcLength: entry.length,
                recordID: recordID, payloadDigest: digest)
            try importPosts(
                AdapterInput(url: url, status: status, headers: headers, payload: [], contentType: mime),
                payload: payload, contentEncoding: contentEncoding, provenance: provenance, store: &posts,
                summary: &summary, db: db)
        }
        if status == 206, Self.mayBeMedia(mime), let range = HTTPContentRange(contentRange), !payload.isEmpty {
            // One range of a header-only media capture: indexed with its siblings at the end of the file.
            partials[url, default: PartialMedia(total: range.total, mime: mime)].add(
                offset: range.first, bytes: Array(payload), fetchedAt: fetchedAt,
                provenance: [warcName, entry.offset, entry.length, recordID, digest])
            if newCapture { summary.imported += 1 } else { summary.unchanged += 1 }
            return
        }
        guard type != .revisit, status.map({ (200..<300).contains($0) }) ?? true, !payload.isEmpty,
            payload.count <= Self.maxParsedPayload
        else {
            if newCapture { summary.imported += 1 } else { summary.unchanged += 1 }
            return
        }
        let provenance: [(any DatabaseValueConvertible)?] = [warcName, entry.offset, entry.length, recordID, digest]
        var indexed = false
        if Self.isHTML(mime: mime, payload: payload) {
            guard let decoded = HTTPContentDecoder.decode(payload, contentEncoding: contentEncoding) else {
                throw ImportProblem(
                    file: path, offset: entry.offset,
                    message: "HTML payload of \(url) has an unreadable Content-Encoding \(contentEncoding ?? "")")
            }
            if let page = HTMLDocument(decoded, url: url) {
                try db.cachedStatement(
                    sql: """
                        INSERT INTO pages (url, title, text, fetched_at, status, mime_type, warc_file, warc_offset, warc_length,
                            record_id, payload_digest)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (record_id) DO NOTHING
                        """
                ).execute(
                    arguments: StatementArguments(
                        [url, page.title, page.visibleText(), fetchedAt, status, mime] + provenance))
                if db.changesCount > 0 { state.pendingPages += 1 }
                indexed = true
            }
        } else if Self.mayBeMedia(mime) {
            let bytes = HTTPContentDecoder.decode(payload, contentEncoding: contentEncoding) ?? Array(payload)
            guard
                try insertMedia(
                    url: url, source: MemoryByteSource(bytes), mime: mime, fetchedAt: fetchedAt, provenance: provenance,
                    state: &state, db: db)
            else {
                if newCapture { summary.imported += 1 } else { summary.unchanged += 1 }
                return
            }
            indexed = true
        }
        if newCapture || (indexed && db.changesCount > 0) { summary.imported += 1 } else { summary.unchanged += 1 }
    }

    /// Adds the media row of the file at `url` (every header field, place and time) unless it is
    /// no recognisable media file; false when it is not.
    private func insertMedia(
        url: String, source: some ByteSource, mime: String?, fetchedAt: String?,
        provenance: [(any DatabaseValueConvertible)?], notes: [String] = [], state: inout IndexState, db: Database
    ) throws -> Bool {
        let fileName = url.split(separator: "?").first?.split(separator: "/").last.map(String.init)
        let warningsColumn = MediaRow.columns.firstIndex(of: "warnings") ?? 19
        var values: [(any DatabaseValueConvertible)?]
        var warnings = notes
        do {
            let metadata = try MetadataExtractor.extract(from: source, fileName: fileName)
            values = MediaRow(metadata: metadata).values(fallbackMIME: mime)
            if !notes.isEmpty, let stored = values[warningsColumn] as? String,
                case .array(let items) = try? JSONParser.parse(Array(stored.utf8))
            {
                warnings = items.compactMap { if case .string(let text) = $0 { text } else { nil } } + notes
            }
        } catch {
            guard mime?.hasPrefix("image/") == true || mime?.hasPrefix("video/") == true else { return false }
            values = MediaRow(metadata: MediaMetadata()).values(fallbackMIME: mime)
            warnings = ["\(error)"] + notes
        }
        if !warnings.isEmpty {
            values[warningsColumn] = "[" + warnings.map(JSONValue.quoted).joined(separator: ",") + "]"
        }
        let columns = MediaRow.columns.joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: MediaRow.columns.count + 7).joined(separator: ", ")
        try db.cachedStatement(
            sql: """
                INSERT INTO media (url, post_id, \(columns), byte_count, fetched_at, warc_file, warc_offset, warc_length,
                    record_id, payload_digest)
                VALUES (?, (SELECT post_id FROM post_media WHERE url = ? LIMIT 1), \(placeholders))
                ON CONFLICT (record_id) DO NOTHING
                """
        ).execute(arguments: StatementArguments([url, url] + values + [source.size, fetchedAt] + provenance))
        if db.changesCount > 0 { state.pendingMedia += 1 }
        return true
    }

    /// Indexes the media files archived header-only: the 206 ranges of each URL read as one
    /// sparse file, the row pointing at the range record that starts the file.
    private func insertPartialMedia(_ partials: [String: PartialMedia], state: inout IndexState, db: Database) throws {
        for (url, partial) in partials.sorted(by: { $0.key < $1.key }) {
            let source = SparseByteSource(size: partial.total, segments: partial.segments)
            let note = "header-only capture: \(source.knownBytes) of \(partial.total) bytes archived"
            _ = try insertMedia(
                url: url, source: source, mime: partial.mime, fetchedAt: partial.fetchedAt,
                provenance: partial.provenance, notes: [note], state: &state, db: db)
        }
    }

    /// Runs the platform adapters over one archived response: the posts it holds are stored
    /// (pointing at this record), the ids it reports removed are marked deleted.
    private func importPosts(
        _ input: AdapterInput, payload: ArraySlice<UInt8>, contentEncoding: String?, provenance: PostProvenance,
        store: inout PostStore, summary: inout ImportSummary, db: Database
    ) throws {
        let removed = input.status == 404 || input.status == 410
        guard (200..<300).contains(input.status) || removed else { return }
        if let mime = input.contentType, Self.mayBeMedia(mime), mime != "application/octet-stream" { return }
        var input = input
        input.payload = HTTPContentDecoder.decode(payload, contentEncoding: contentEncoding) ?? []
        guard let adapter = adapters.adapter(for: input) else { return }
        let output = adapter.extract(input)
        for extracted in output.posts {
            guard let post = PostRecord(extracted, adapter: adapter.name) else { continue }
            switch try store.store(post, provenance: provenance, in: db) {
            case .inserted: summary.imported += 1
            case .updated: summary.updated += 1
            case .unchanged: summary.unchanged += 1
            }
        }
        guard !output.deletedIDs.isEmpty, let seenAt = provenance.seenAt else { return }
        let platform = adapters.configuration.platform(for: input.url)
        for id in output.deletedIDs {
            try db.cachedStatement(
                sql: "UPDATE posts SET deleted_at = ? WHERE platform = ? AND post_id = ? AND deleted_at IS NULL"
            ).execute(arguments: [seenAt, platform, id])
        }
    }

    static func mediaType(_ contentType: String?) -> String? {
        guard let contentType else { return nil }
        let type = contentType.split(whereSeparator: { $0 == ";" || $0 == " " }).first.map { $0.lowercased() }
        return type?.isEmpty == false ? type : nil
    }

    static func isHTML(mime: String?, payload: ArraySlice<UInt8>) -> Bool {
        if let mime { return mime == "text/html" || mime == "application/xhtml+xml" }
        let head = String(decoding: payload.prefix(512), as: UTF8.self).lowercased()
        return head.contains("<!doctype html") || head.contains("<html")
    }

    static func mayBeMedia(_ mime: String?) -> Bool {
        guard let mime else { return true }
        return mime.hasPrefix("image/") || mime.hasPrefix("video/") || mime == "application/octet-stream"
            || mime == "binary/octet-stream"
    }
}
