/// Re-reads WARC files and checks every record: structure, WARC-Block-Digest and (for
/// responses) WARC-Payload-Digest over the de-chunked payload, as WARC 1.1 defines them.
public enum WARCVerifier {
    /// One problem found, with where it is.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// The WARC file.
        public var file: String
        /// Offset of the record (gzip member, zstd frame) in the file.
        public var offset: Int64
        /// The record's id, when it could be read.
        public var recordID: String?
        /// What is wrong.
        public var message: String

        /// A problem at `offset` of `file`.
        public init(file: String, offset: Int64, recordID: String? = nil, message: String) {
            self.file = file
            self.offset = offset
            self.recordID = recordID
            self.message = message
        }

        public var description: String {
            "\(file) @ \(offset)\(recordID.map { " \($0)" } ?? ""): \(message)"
        }
    }

    /// What one file holds.
    public struct FileReport: Sendable {
        public var file: String
        public var records = 0
        public var digestsChecked = 0
        public var problems: [Problem] = []
        /// Record ids with the offsets where they were found.
        public var recordOffsets: [String: Int64] = [:]
    }

    /// Checks every record of the file at `path`; reading goes on after a damaged record where the
    /// format allows (next gzip member or zstd frame), so one bad byte does not hide the rest of the file.
    public static func verify(path: String, displayName: String? = nil) -> FileReport {
        let name = displayName ?? path
        var report = FileReport(file: name)
        let reader: WARCReader
        do {
            reader = try WARCReader(path: path)
        } catch {
            report.problems.append(Problem(file: name, offset: 0, message: error.description))
            return report
        }
        var lastOffset: Int64 = -1
        while true {
            let entry: WARCEntry?
            do {
                entry = try reader.next()
            } catch {
                report.problems.append(Problem(file: name, offset: error.offset ?? 0, message: error.description))
                if report.problems.count > 10_000 { break }
                continue
            }
            guard let entry else { break }
            // A reader that does not advance would loop forever on a hostile file.
            guard entry.offset > lastOffset || entry.indexInMember > 0 else { break }
            lastOffset = entry.offset
            report.records += 1
            let record = entry.record
            if let id = record.recordID { report.recordOffsets[id] = entry.offset }
            for problem in check(record) {
                report.problems.append(
                    Problem(file: name, offset: entry.offset, recordID: record.recordID, message: problem))
            }
            if record.headers["WARC-Block-Digest"] != nil { report.digestsChecked += 1 }
        }
        return report
    }

    /// The problems of one record (empty when it is sound).
    public static func check(_ record: WARCRecord) -> [String] {
        var problems: [String] = []
        if record.recordID == nil { problems.append("no WARC-Record-ID") }
        if record.typeName == nil { problems.append("no WARC-Type") }
        if record.date == nil { problems.append("missing or malformed WARC-Date") }
        if let length = record.contentLength, length != Int64(record.block.count) {
            problems.append("Content-Length \(length) but block has \(record.block.count) bytes")
        }
        if let text = record.headers["WARC-Block-Digest"] {
            if let stated = WARCDigest(parsing: text) {
                let actual = WARCDigest.compute(record.block, algorithm: stated.algorithm)
                if actual.bytes != stated.bytes {
                    problems.append("WARC-Block-Digest mismatch: header \(text), block \(actual)")
                }
            } else {
                problems.append("unreadable WARC-Block-Digest '\(text)'")
            }
        }
        if record.type == .response, let text = record.headers["WARC-Payload-Digest"],
            record.headers["WARC-Truncated"] == nil,
            record.contentType?.lowercased().hasPrefix("application/http") == true
        {
            if let stated = WARCDigest(parsing: text), let block = HTTPResponseBlock(parsing: record.block) {
                let actual = block.payloadDigest(algorithm: stated.algorithm)
                if actual.bytes != stated.bytes {
                    problems.append("WARC-Payload-Digest mismatch: header \(text), payload \(actual)")
                }
            } else {
                problems.append("unreadable WARC-Payload-Digest '\(text)' or HTTP response")
            }
        }
        return problems
    }
}

extension WARCError {
    /// The file offset an error points at, when it has one.
    public var offset: Int64? {
        switch self {
        case .truncated(_, let offset), .garbage(_, let offset), .invalidGzip(_, let offset, _),
            .malformedRecord(_, let offset, _), .recordTooLarge(_, let offset, _, _),
            .inflateLimitExceeded(_, let offset, _), .invalidZstd(_, let offset, _),
            .zstdDictionaryMismatch(_, let offset, _, _):
            offset
        default:
            nil
        }
    }
}
