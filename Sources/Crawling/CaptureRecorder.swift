public import ArchiveIndex
public import Fetching
import GRDB
public import WARC

/// What one archived fetch became in the WARC files.
public struct RecordedCapture: Sendable {
    /// "response" or "revisit".
    public var recordType: String
    /// Where the response (or revisit) record is.
    public var location: WARCLocation
    /// The links given to `record` that were new to the frontier.
    public var addedLinks: [CrawlURL] = []
}

/// The one writer of an archive's WARC files during a crawl: every exchange becomes
/// `response` (or `revisit` when the payload was archived before) + `request` + `metadata`
/// records, and a `captures` row committed in the same transaction that marks the URL done.
///
/// An actor, so records are written one at a time into one file while fetches run in parallel.
public actor CaptureRecorder {
    /// The actor's own thread (a serial Dispatch queue), not one of the cooperative pool's: its
    /// work is compressing and writing records, which would hold up the crawl loop's small jobs.
    private let executor = SerialQueueExecutor(label: "vestige.capture-recorder")
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    private let writer: WARCWriter
    private let database: ArchiveDatabase
    private let index: CrawlIndexFile
    private var currentFile: String?
    /// Files holding records whose capture could not be committed (the database write failed
    /// after the WARC write): never marked closed, so the next run's recovery reads them, records
    /// the captures and marks their URLs done instead of fetching them again.
    private var unreconciled: Set<String> = []
    private var recordsSinceCheckpoint = 0
    /// Records written between two fsyncs of the WARC file.
    public let checkpointInterval: Int

    /// Opens a new WARC file in `layout`'s warc folder (never appends to an existing one).
    public init(
        layout: ArchiveLayout, database: ArchiveDatabase, info: WARCInfoFields, maxFileSize: Int64 = 1_000_000_000,
        digestAlgorithm: WARCDigestAlgorithm = .sha1, checkpointInterval: Int = 64
    ) throws {
        writer = try WARCWriter(
            directory: layout.warcDirectory, info: info, maxFileSize: maxFileSize, digestAlgorithm: digestAlgorithm)
        self.database = database
        self.index = CrawlIndexFile(layout: layout)
        self.checkpointInterval = checkpointInterval
    }

    /// Archives one HTTP exchange for frontier entry `frontierID` and marks it done (unless
    /// `finishes` is false: one range of a file fetched in several).
    /// `outlinks` go into a metadata record, with the fetch time; `links` join the frontier in
    /// the transaction that marks the URL done (a crash keeps both or neither).
    public func record(
        _ response: FetchResponse, frontierID: Int64, outlinks: [String], links: FrontierAdditions? = nil,
        finishes: Bool = true
    ) throws -> RecordedCapture {
        let date = WARCDate.now()
        let truncated = response.truncation?.warcValue
        var (responseRecord, requestRecord) = WARCRecordBuilder.exchange(
            targetURI: response.url, httpRequest: response.requestHead, httpResponse: response.rawResponse, date: date,
            ipAddress: response.remoteIP.isEmpty ? nil : response.remoteIP, truncated: truncated)
        var recordType = "response"
        // A range's payload is a piece of a file: kept as sent, never a revisit of another piece.
        if truncated == nil, (200..<300).contains(response.statusCode), response.statusCode != 206,
            let digest = responseRecord.payloadDigest,
            let original = try earlierCapture(digest: digest)
        {
            // Identical payload archived before: keep only the HTTP head and point at the original.
            let revisit = WARCRecordBuilder.revisit(
                targetURI: response.url, httpResponse: response.rawHead, payloadDigest: digest,
                refersTo: original.recordID, refersToTargetURI: original.url, refersToDate: original.date, date: date,
                ipAddress: response.remoteIP.isEmpty ? nil : response.remoteIP)
            (responseRecord, requestRecord) = (
                revisit,
                WARCRecordBuilder.request(
                    targetURI: response.url, httpRequest: response.requestHead, date: date,
                    concurrentTo: revisit.recordID, ipAddress: response.remoteIP.isEmpty ? nil : response.remoteIP)
            )
            recordType = "revisit"
        }
        var fields: [WARCHeaderField] = [
            WARCHeaderField(name: "fetchTimeMs", value: "\(Int(response.timings.totalMilliseconds))")
        ]
        fields += outlinks.prefix(10_000).map { WARCHeaderField(name: "outlink", value: $0) }
        let metadata = WARCRecordBuilder.metadata(
            targetURI: response.url, fields: WARCHeaders(fields), date: date, concurrentTo: responseRecord.recordID)
        let locations = try writer.write([responseRecord, requestRecord, metadata])
        let location = locations[0]
        try index.append(CDXJIndexer.line(for: responseRecord, location: location).map { [$0] } ?? [])
        let added: [CrawlURL]
        do {
            added = try commit(
                location: location, locations: locations, url: response.url, recordType: recordType,
                status: response.statusCode, mime: response.headers["Content-Type"], date: date, ip: response.remoteIP,
                refersTo: recordType == "revisit" ? responseRecord.headers["WARC-Refers-To"] : nil,
                frontierID: finishes ? frontierID : nil, links: links)
        } catch {
            unreconciled.insert(location.filename)
            throw error
        }
        return RecordedCapture(recordType: recordType, location: location, addedLinks: added)
    }

    /// fsyncs the WARC file (also done every `checkpointInterval` records).
    public func checkpoint() throws {
        try writer.checkpoint()
        recordsSinceCheckpoint = 0
    }

    /// Flushes and closes the WARC file, marks it closed in the database and merges this run's
    /// lines into `indexes/index.cdxj`.
    public func close() throws {
        try writer.close()
        try index.merge()
        if let currentFile, !unreconciled.contains(currentFile) {
            try database.writer.write { db in
                try db.execute(
                    sql: "UPDATE warc_files SET closed_at = ? WHERE name = ?",
                    arguments: [WARCFileTime.now(), currentFile])
            }
        }
        currentFile = nil
    }

    private func commit(
        location: WARCLocation, locations: [WARCLocation], url: String, recordType: String, status: Int, mime: String?,
        date: WARCDate, ip: String, refersTo: String?, frontierID: Int64?, links: FrontierAdditions?
    ) throws -> [CrawlURL] {
        let previousFile = currentFile
        currentFile = locations.last?.filename
        let added = try database.writer.write { db in
            if let previousFile, previousFile != location.filename, !unreconciled.contains(previousFile) {
                // The writer rolled over: the previous file is complete.
                try db.execute(
                    sql: "UPDATE warc_files SET closed_at = ? WHERE name = ? AND closed_at IS NULL",
                    arguments: [WARCFileTime.text(date), previousFile])
            }
            // A batch goes into one file: one row update for all its records.
            try db.cachedStatement(
                sql: """
                    INSERT INTO warc_files (name, opened_at, records, bytes) VALUES (?, ?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET records = records + excluded.records, bytes = bytes + excluded.bytes
                    """
            ).execute(arguments: [
                location.filename, WARCFileTime.text(date), locations.count, locations.reduce(0) { $0 + $1.length },
            ])
            try db.cachedStatement(
                sql: """
                    INSERT OR IGNORE INTO captures (url, record_type, status, mime, payload_digest, record_id, warc_file,
                        warc_offset, warc_length, fetched_at, ip, refers_to)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(
                arguments: [
                    url, recordType, status, mime, location.payloadDigest?.description, location.recordID,
                    location.filename, location.offset, location.length, date.description, ip, refersTo,
                ])
            if let frontierID {
                try Frontier.mark(db, frontierID, .done, reason: recordType == "revisit" ? "revisit" : nil)
            }
            return try links.map { try Frontier.add(db, $0) } ?? []
        }
        recordsSinceCheckpoint += 1
        if recordsSinceCheckpoint >= checkpointInterval { try checkpoint() }
        return added
    }

    private func earlierCapture(digest: WARCDigest) throws -> (recordID: String, url: String, date: WARCDate?)? {
        try database.read { db in
            try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT record_id, url, fetched_at FROM captures
                        WHERE payload_digest = ? AND record_type = 'response' LIMIT 1
                        """), arguments: [digest.description]
            ).map { row in (row["record_id"], row["url"], WARCDate(parsing: row["fetched_at"])) }
        }
    }
}
