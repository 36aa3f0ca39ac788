/// Writes records to `DIR/warc/PREFIX-YYYYMMDDHHMMSS-NNNNN.warc.gz`, each record its own gzip
/// member, a `warcinfo` record first in every file, rolling to a new file near `maxFileSize`.
///
/// A writer only ever creates new files (`O_CREAT|O_EXCL`): a run that resumes after a crash,
/// or a write that failed half-way, continues in a fresh file, so a partial member can only be
/// the last bytes of a file. The class is deliberately not `Sendable`: one task owns it (the
/// crawler keeps it inside an actor).
public final class WARCWriter {
    /// The directory the files are written to (the archive's `warc` folder).
    public let directory: String
    /// The start of every file name.
    public let prefix: String
    /// A file is rolled before a record would take it past this size (a single record larger
    /// than this still goes into a file of its own).
    public let maxFileSize: Int64
    /// The fields of the `warcinfo` record written at the start of each new file.
    public var info: WARCInfoFields
    /// Digest algorithm for the warcinfo records this writer makes.
    public let digestAlgorithm: WARCDigestAlgorithm

    /// Names of the files created so far, oldest first.
    public private(set) var filesCreated: [String] = []

    private let deflater = GzipDeflater()
    private var file: POSIXFile?
    private var fileName = ""
    private var fileSize: Int64 = 0
    private var recordsInFile = 0
    /// The WARC-Record-ID of the current file's warcinfo record, named by every other record in it.
    private var warcinfoID: String?
    private var nextSerial = 0
    private var directoryNeedsSync = false
    private var closed = false

    /// A writer into `directory` (created when missing). No file is created before the first
    /// record is written.
    public init(
        directory: String, prefix: String = "vestige", info: WARCInfoFields, maxFileSize: Int64 = 1_000_000_000,
        digestAlgorithm: WARCDigestAlgorithm = .sha1
    ) throws(WARCError) {
        self.directory = directory
        self.prefix = prefix
        self.info = info
        self.maxFileSize = maxFileSize
        self.digestAlgorithm = digestAlgorithm
        try POSIXFile.makeDirectories(directory)
    }

    deinit {
        if var file {
            try? file.sync()
            try? file.close()
        }
    }

    /// The file records currently go to, nil before the first write and after a roll or close.
    public var currentFile: String? { file == nil ? nil : fileName }

    /// Writes one record and returns where it went.
    public func write(_ record: WARCRecord) throws(WARCError) -> WARCLocation {
        let locations = try write([record])
        guard let location = locations.first else { throw .invalidRecord(reason: "nothing written") }
        return location
    }

    /// Writes records in order, all in the same file (the file is rolled before them when they
    /// would not fit), for example a response with its request and metadata.
    public func write(_ records: [WARCRecord]) throws(WARCError) -> [WARCLocation] {
        guard !closed else { throw .writerClosed }
        guard !records.isEmpty else { return [] }
        var members = try compressed(records)
        let total = members.reduce(Int64(0)) { $0 + Int64($1.count) }
        if file != nil, recordsInFile > 0, fileSize + total > maxFileSize {
            try finishFile()
        }
        if file == nil {
            try startFile()
            // Now they can name the new file's warcinfo record.
            members = try compressed(records)
        }
        var locations: [WARCLocation] = []
        let batchStart = fileSize
        for (record, member) in zip(records, members) {
            let offset = fileSize
            try append(member, batchStart: batchStart)
            recordsInFile += 1
            locations.append(
                WARCLocation(
                    filename: fileName, offset: offset, length: Int64(member.count), recordID: record.recordID ?? "",
                    payloadDigest: record.payloadDigest))
        }
        return locations
    }

    /// Makes everything written so far durable (`fsync` of the file and, after a new file was
    /// created, of the directory).
    public func checkpoint() throws(WARCError) {
        if let file { try file.sync() }
        if directoryNeedsSync {
            try POSIXFile.syncDirectory(directory)
            directoryNeedsSync = false
        }
    }

    /// Syncs and closes the current file; the writer cannot be used afterwards.
    public func close() throws(WARCError) {
        guard !closed else { return }
        closed = true
        try finishFile()
    }

    // MARK: - Files

    private func finishFile() throws(WARCError) {
        try checkpoint()
        if var current = file {
            file = nil
            try current.close()
        }
    }

    private func startFile() throws(WARCError) {
        let stamp = WARCDate.now().timestamp14
        var attempts = 0
        while true {
            let serial = String(nextSerial)
            let name =
                prefix + "-" + stamp + "-" + String(repeating: "0", count: max(0, 5 - serial.count)) + serial
                + ".warc.gz"
            nextSerial += 1
            let path = directory + "/" + name
            do throws(WARCError) {
                let created = try POSIXFile.createNew(path)
                file = created
                fileName = name
                fileSize = 0
                recordsInFile = 0
                directoryNeedsSync = true
                filesCreated.append(name)
                break
            } catch .fileExists(let existing) {
                attempts += 1
                if attempts > 1000 { throw .fileExists(path: existing) }
            }
        }
        let warcinfo = WARCRecordBuilder.warcinfo(fields: info, filename: fileName, digestAlgorithm: digestAlgorithm)
        warcinfoID = warcinfo.recordID
        do throws(WARCError) {
            try append(compress(warcinfo))
        } catch {
            // A file holding only part of its warcinfo record is of no use to anyone.
            POSIXFile.removeQuietly(directory + "/" + fileName)
            throw error
        }
    }

    /// The records as gzip members, each (but a warcinfo) naming the file's warcinfo record.
    private func compressed(_ records: [WARCRecord]) throws(WARCError) -> [[UInt8]] {
        var members: [[UInt8]] = []
        for var record in records {
            if let warcinfoID, record.type != .warcinfo, record.headers["WARC-Warcinfo-ID"] == nil {
                record.headers.append("WARC-Warcinfo-ID", warcinfoID)
            }
            members.append(try compress(validated(record)))
        }
        return members
    }

    /// Appends one member. When the write fails (disk full, file size limit), the file is cut
    /// back to `batchStart`, so that neither a partial member nor part of a batch (a response
    /// without its request) stays in it, and is closed: later records go to a new file.
    private func append(_ member: [UInt8], batchStart: Int64? = nil) throws(WARCError) {
        guard let current = file else { throw .writerClosed }
        do throws(WARCError) {
            try current.writeAll(member)
            fileSize += Int64(member.count)
        } catch {
            var broken = current
            file = nil
            // If even the cut fails, recovery finds the partial member on the next run.
            if (try? broken.truncate(to: batchStart ?? fileSize)) != nil { try? broken.sync() }
            try? broken.close()
            throw error
        }
    }

    private func compress(_ record: WARCRecord) throws(WARCError) -> [UInt8] {
        guard let member = deflater.member(record.serialized()) else {
            throw .io(path: directory, operation: "deflate", reason: "zlib could not compress the record")
        }
        return member
    }

    private func validated(_ record: WARCRecord) throws(WARCError) -> WARCRecord {
        guard record.typeName != nil else { throw .invalidRecord(reason: "missing WARC-Type") }
        guard let id = record.recordID else { throw .invalidRecord(reason: "missing WARC-Record-ID") }
        guard record.headers["WARC-Date"] != nil else { throw .invalidRecord(reason: "missing WARC-Date in \(id)") }
        var checked = record
        if let length = record.headers["Content-Length"] {
            guard record.contentLength == Int64(record.block.count) else {
                throw .invalidRecord(
                    reason: "Content-Length \(length) of \(id) does not match its \(record.block.count)-byte block")
            }
        } else {
            checked.headers.append("Content-Length", String(record.block.count))
        }
        return checked
    }
}

@available(*, unavailable, message: "WARCWriter is owned by one task; wrap it in an actor to share it")
extension WARCWriter: Sendable {}
