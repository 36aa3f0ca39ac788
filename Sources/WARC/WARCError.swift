/// Everything that can go wrong while reading or writing WARC files, with the file and byte
/// offset at fault so that a caller (or a person reading the message) knows where to look.
public enum WARCError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A system call failed on `path`; `reason` is the operating system's explanation.
    case io(path: String, operation: String, reason: String)
    /// The disk (or quota) is full while writing `path`.
    case noSpace(path: String)
    /// A file that must be new already exists (writers never append to an existing file).
    case fileExists(path: String)
    /// The record starting at `offset` ends before it is complete: a gzip member or zstd frame cut
    /// short, or a Content-Length that reaches past the end of the file or member.
    case truncated(file: String, offset: Int64)
    /// Bytes at `offset` are neither a gzip member (zstd frame) nor a WARC record.
    case garbage(file: String, offset: Int64)
    /// The gzip member at `offset` cannot be inflated.
    case invalidGzip(file: String, offset: Int64, reason: String)
    /// The record at `offset` has a malformed version line, header line or Content-Length.
    case malformedRecord(file: String, offset: Int64, reason: String)
    /// The record at `offset` declares a block larger than the reader's limit.
    case recordTooLarge(file: String, offset: Int64, length: Int64, limit: Int64)
    /// The gzip member or zstd frame at `offset` decompresses past the configured cap (a possible
    /// gzip or zstd bomb).
    case inflateLimitExceeded(file: String, offset: Int64, limit: Int64)
    /// The zstd frame at `offset` cannot be decoded (offset 0: the file's dictionary frame).
    case invalidZstd(file: String, offset: Int64, reason: String)
    /// The zstd frame at `offset` was compressed with dictionary `needed`; the file carries the
    /// dictionary `carried`, or none that could be loaded (nil).
    case zstdDictionaryMismatch(file: String, offset: Int64, needed: UInt32, carried: UInt32?)
    /// The file uses a compression this module does not read (bzip2, xz).
    case unsupportedCompression(String)
    /// A record handed to the writer is inconsistent (for example a wrong Content-Length).
    case invalidRecord(reason: String)
    /// The writer was used after `close()`.
    case writerClosed

    /// A one-line message naming the file, offset or path at fault.
    public var description: String {
        switch self {
        case .io(let path, let operation, let reason):
            return "\(operation) failed for \(path): \(reason)"
        case .noSpace(let path):
            return "No space left on device while writing \(path)"
        case .fileExists(let path):
            return "\(path) already exists; WARC files are never appended to, a new file is started instead"
        case .truncated(let file, let offset):
            return "\(file): record at offset \(offset) is truncated "
                + "(file, gzip member or zstd frame ends before the record does)"
        case .garbage(let file, let offset):
            return "\(file): unexpected bytes at offset \(offset) "
                + "(neither a gzip member, a zstd frame nor a WARC record)"
        case .invalidGzip(let file, let offset, let reason):
            return "\(file): gzip member at offset \(offset) is corrupt: \(reason)"
        case .malformedRecord(let file, let offset, let reason):
            return "\(file): record at offset \(offset) is malformed: \(reason)"
        case .recordTooLarge(let file, let offset, let length, let limit):
            return "\(file): record at offset \(offset) has a \(length)-byte block, above the limit of \(limit) bytes"
        case .inflateLimitExceeded(let file, let offset, let limit):
            return "\(file): compressed member at offset \(offset) inflates to more than \(limit) bytes "
                + "(possible gzip or zstd bomb)"
        case .invalidZstd(let file, let offset, let reason):
            return "\(file): zstd frame at offset \(offset) cannot be decoded: \(reason)"
        case .zstdDictionaryMismatch(let file, let offset, let needed, let carried):
            if let carried {
                return "\(file): zstd frame at offset \(offset) needs dictionary \(needed), "
                    + "but the file's dictionary is \(carried)"
            }
            return "\(file): zstd frame at offset \(offset) needs dictionary \(needed), and the file carries no usable "
                + "dictionary (a .warc.zst carries it in a skippable frame at its start)"
        case .unsupportedCompression(let message):
            return message
        case .invalidRecord(let reason):
            return "invalid WARC record: \(reason)"
        case .writerClosed:
            return "the WARC writer is closed"
        }
    }
}
