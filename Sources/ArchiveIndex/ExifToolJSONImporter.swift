import GRDB
import WARC

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Imports the output of `exiftool -json` (default formatting, `-n`, `-G`/`-G1`, `-l`; also
/// `vestige extract --json`) into the `media` table: one row per object, with every field vestige
/// indexes for extracted media, taken_at and null_island computed by the same code (`MediaRow`),
/// the position in the `media_geo` R*Tree, and the object itself kept byte for byte.
///
/// Provenance: `source_file` (the JSON file's absolute path), `source_index` (the object's
/// 0-based index in the array) and `payload_digest` (SHA-256 of the object's bytes). One row per
/// (JSON file, SourceFile): importing the same file again changes nothing; a regenerated file
/// updates the rows whose objects changed. A malformed element is reported with the file and
/// its index, and the rest of the file is imported.
public struct ExifToolJSONImporter {
    /// Largest file read (it is read whole; exiftool writes about 2 KB per file).
    public static let maxFileBytes: Int64 = 1 << 30
    /// Objects between progress reports.
    static let progressEvery = 2000

    /// The archive written to.
    public let database: ArchiveDatabase

    /// An importer writing to `database`.
    public init(database: ArchiveDatabase) { self.database = database }

    /// True when `head` (the first bytes of a file) looks like `exiftool -json` output: a JSON
    /// array whose first object starts with a `SourceFile` member (exiftool always writes it
    /// first), or an empty array.
    public static func looksLikeExifToolJSON(_ head: [UInt8]) -> Bool {
        var index = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        func skipSpace() {
            while index < head.count, [0x20, 0x0A, 0x0D, 0x09].contains(head[index]) { index += 1 }
        }
        skipSpace()
        guard index < head.count, head[index] == UInt8(ascii: "[") else { return false }
        index += 1
        skipSpace()
        guard index < head.count else { return false }
        if head[index] == UInt8(ascii: "]") { return true }
        guard head[index] == UInt8(ascii: "{") else { return false }
        index += 1
        skipSpace()
        return head[index...].starts(with: Array("\"SourceFile\"".utf8))
    }

    /// Imports one file. `problem` is called for every element that cannot be imported.
    public func importFile(
        path: String, problem: (ImportProblem) -> Void, progress: ((ImportProgress) -> Void)? = nil
    ) throws -> ImportSummary {
        var summary = ImportSummary()
        let bytes: [UInt8]
        do {
            bytes = try Self.readWhole(path)
        } catch {
            problem(error)
            summary.bad = 1
            return summary
        }
        var splitter: ExifToolArraySplitter
        do {
            splitter = try ExifToolArraySplitter(bytes)
        } catch {
            problem(
                ImportProblem(
                    file: path,
                    message: "not exiftool -json output: it starts with something other than '[' "
                        + "(for a JSONL post dump, name it .jsonl)"))
            summary.bad = 1
            return summary
        }
        let sourceFile = Self.absolutePath(path)
        let total = Int64(bytes.count)
        try database.writer.writeWithoutTransaction { db in
            try db.beginTransaction(.immediate)
            do {
                var firstIndex: [String: Int] = [:]
                var endedInside = false
                while let element = splitter.next() {
                    let place = "\(path)[\(element.index)]"
                    if element.unterminated {
                        endedInside = true
                        summary.bad += 1
                        problem(
                            ImportProblem(
                                file: path,
                                message: "\(place): the file ends inside this element (byte \(element.offset)); "
                                    + "it was cut short: run exiftool again or repair the file"))
                        break
                    }
                    let object: ExifToolObject
                    do {
                        object = try Self.object(element, place: place)
                    } catch {
                        summary.bad += 1
                        problem(ImportProblem(file: path, message: "\(place): \(error)"))
                        continue
                    }
                    if let earlier = firstIndex[object.sourceFile] {
                        summary.bad += 1
                        problem(
                            ImportProblem(
                                file: path,
                                message: "\(place): SourceFile \(object.sourceFile) is already at [\(earlier)]; "
                                    + "the first object is kept (concatenated exiftool runs? import them as separate files)"
                            ))
                        continue
                    }
                    firstIndex[object.sourceFile] = element.index
                    switch try store(object, element: element, sourceFile: sourceFile, db: db) {
                    case .inserted: summary.imported += 1
                    case .updated: summary.updated += 1
                    case .unchanged: summary.unchanged += 1
                    }
                    if let progress, (element.index + 1) % Self.progressEvery == 0 {
                        progress(
                            ImportProgress(
                                file: path, bytesRead: Int64(element.offset), totalBytes: total, summary: summary))
                    }
                }
                if !splitter.closed && !endedInside {
                    summary.bad += 1
                    problem(
                        ImportProblem(
                            file: path, message: "the JSON array is not closed with ']': the file was cut short"))
                }
                if let offset = splitter.trailingGarbageOffset {
                    summary.bad += 1
                    problem(
                        ImportProblem(
                            file: path, offset: Int64(offset), message: "text after the closing ']' was not read"))
                }
                try db.commit()
            } catch {
                try? db.rollback()
                throw error
            }
        }
        progress?(ImportProgress(file: path, bytesRead: total, totalBytes: total, summary: summary))
        return summary
    }

    private enum Outcome {
        case inserted, updated, unchanged
    }

    private static func object(_ element: ExifToolArraySplitter.Element, place: String) throws(ExifToolObjectError)
        -> ExifToolObject
    {
        let json: JSONValue
        do throws(JSONParseError) {
            json = try JSONParser.parse(Array(element.bytes))
        } catch {
            throw ExifToolObjectError(
                message: "not valid JSON at byte \(element.offset + error.column - 1): \(error.message)")
        }
        return try ExifToolObject(json: json)
    }

    /// Inserts or updates the row of `object`; the R*Tree follows the row's position.
    private func store(
        _ object: ExifToolObject, element: ExifToolArraySplitter.Element, sourceFile: String, db: Database
    ) throws -> Outcome {
        // The bytes parsed as JSON, so they are UTF-8 (the parser rejects anything else in strings,
        // and outside strings JSON is ASCII).
        let raw = String(decoding: element.bytes, as: UTF8.self)
        let existing = try Row.fetchOne(
            db, sql: "SELECT id, exiftool_json, source_index FROM media WHERE source_file = ? AND url = ?",
            arguments: [sourceFile, object.sourceFile])
        if let existing, existing["exiftool_json"] as String? == raw,
            existing["source_index"] as Int64? == Int64(element.index)
        {
            return .unchanged
        }
        let values = MediaRow(metadata: object.metadata()).values(fallbackMIME: nil)
        let digest = WARCDigest.compute(element.bytes, algorithm: .sha256).description
        let provenance: [(any DatabaseValueConvertible)?] = [
            object.byteCount, digest, sourceFile, Int64(element.index), raw,
        ]
        let id: Int64
        if let existing, let rowID = existing["id"] as Int64? {
            let assignments = (MediaRow.columns + ["byte_count", "payload_digest", "source_file", "source_index"])
                .map { "\($0) = ?" }.joined(separator: ", ")
            try db.execute(
                sql: "UPDATE media SET \(assignments), exiftool_json = ? WHERE id = ?",
                arguments: StatementArguments(values + provenance + [rowID]))
            try db.execute(sql: "DELETE FROM media_geo WHERE id = ?", arguments: [rowID])
            id = rowID
        } else {
            let columns = MediaRow.columns.joined(separator: ", ")
            let placeholders = Array(repeating: "?", count: MediaRow.columns.count + provenance.count)
                .joined(separator: ", ")
            try db.cachedStatement(
                sql: """
                    INSERT INTO media (url, post_id, \(columns), byte_count, payload_digest, source_file, source_index,
                        exiftool_json)
                    VALUES (?, (SELECT post_id FROM post_media WHERE url = ? LIMIT 1), \(placeholders))
                    """
            ).execute(arguments: StatementArguments([object.sourceFile, object.sourceFile] + values + provenance))
            id = db.lastInsertedRowID
        }
        // Same rule as the WARC import (IndexState): every row with both coordinates, 0,0 included
        // (searches leave null island out by its flag).
        try db.execute(
            sql: """
                INSERT INTO media_geo (id, min_lon, max_lon, min_lat, max_lat)
                SELECT id, longitude, longitude, latitude, latitude FROM media
                WHERE id = ? AND latitude IS NOT NULL AND longitude IS NOT NULL
                """, arguments: [id])
        return existing == nil ? .inserted : .updated
    }

    /// The whole file, refusing files over `maxFileBytes`.
    static func readWhole(_ path: String) throws(ImportProblem) -> [UInt8] {
        if let size = FileStatus.size(path), size > maxFileBytes {
            throw ImportProblem(
                file: path,
                message: "\(size) bytes is more than the \(maxFileBytes)-byte limit for one exiftool JSON file; "
                    + "run exiftool on fewer files per output file")
        }
        guard let file = fopen(path, "rb") else {
            throw ImportProblem(file: path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count > 0 { bytes += buffer[0..<count] }
            if count < buffer.count {
                if ferror(file) != 0 {
                    throw ImportProblem(file: path, message: "read failed: \(String(cString: strerror(errno)))")
                }
                break
            }
            guard Int64(bytes.count) <= maxFileBytes else {
                throw ImportProblem(file: path, message: "grew past the \(maxFileBytes)-byte limit while being read")
            }
        }
        return bytes
    }

    /// The absolute path of `path` (symbolic links resolved), else `path` as given.
    static func absolutePath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
