import GRDB
import WARC

/// Imports JSONL post dumps (one JSON object per line) into an archive's index.
///
/// Idempotent: a post is stored once per (platform, id); importing the same dump again changes
/// nothing, and an edited post keeps its earlier text in `post_versions`. A bad line is reported
/// with its file and line number and skipped; the rest of the file is imported.
public struct JSONLImporter {
    /// Posts per transaction (FTS and R*Tree are filled before each commit).
    public static let commitEvery = 100_000

    /// The archive written to.
    public let database: ArchiveDatabase

    /// An importer writing to `database`.
    public init(database: ArchiveDatabase) { self.database = database }

    /// Imports one dump. `problem` is called for every bad line; `progress` now and then.
    public func importFile(
        path: String, problem: (ImportProblem) -> Void, progress: ((ImportProgress) -> Void)? = nil
    ) throws -> ImportSummary {
        let reader: LineReader
        do {
            reader = try LineReader(path: path)
        } catch {
            problem(error)
            var summary = ImportSummary()
            summary.bad = 1
            return summary
        }
        let total = FileStatus.size(path)
        let seenAt = Timestamp(seconds: WARCDate.now().seconds).utcText
        var summary = ImportSummary()
        try database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = -262144")
            var store = try PostStore(db)
            try db.beginTransaction(.immediate)
            do {
                var inTransaction = 0
                var lastProgress = 0
                while let line = try nextLine(reader, problem: problem, summary: &summary) {
                    if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                    if line.tooLong {
                        summary.bad += 1
                        problem(
                            ImportProblem(
                                file: path, line: line.number,
                                message: "line longer than \(LineReader.maxLineLength) bytes"))
                        continue
                    }
                    let post: PostRecord
                    do {
                        let json: JSONValue
                        do throws(JSONParseError) {
                            json = try JSONParser.parse(line.bytes)
                        } catch {
                            throw PostRecordError.syntax(error)
                        }
                        post = try PostRecord(json: json)
                    } catch {
                        summary.bad += 1
                        problem(ImportProblem(file: path, line: line.number, message: "\(error)"))
                        continue
                    }
                    let provenance = PostProvenance(
                        seenAt: seenAt, payloadDigest: WARCDigest.compute(line.bytes, algorithm: .sha256).description,
                        sourceFile: path, sourceLine: line.number)
                    switch try store.store(post, provenance: provenance, in: db) {
                    case .inserted: summary.imported += 1
                    case .updated: summary.updated += 1
                    case .unchanged: summary.unchanged += 1
                    }
                    inTransaction += 1
                    if inTransaction >= Self.commitEvery {
                        try store.flush(db)
                        try db.commit()
                        try db.beginTransaction(.immediate)
                        inTransaction = 0
                    }
                    if let progress, line.number - lastProgress >= 4096 {
                        lastProgress = line.number
                        progress(
                            ImportProgress(file: path, bytesRead: reader.bytesRead, totalBytes: total, summary: summary)
                        )
                    }
                }
                try store.flush(db)
                try db.commit()
            } catch {
                try? db.rollback()
                throw error
            }
        }
        progress?(ImportProgress(file: path, bytesRead: reader.bytesRead, totalBytes: total, summary: summary))
        return summary
    }

    private func nextLine(
        _ reader: LineReader, problem: (ImportProblem) -> Void, summary: inout ImportSummary
    ) throws -> LineReader.Line? {
        do {
            return try reader.next()
        } catch {
            summary.bad += 1
            problem(error)
            return nil
        }
    }
}
