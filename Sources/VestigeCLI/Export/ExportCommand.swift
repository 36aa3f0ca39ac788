import ArchiveIndex
public import ArgumentParser
import Crawling
import GRDB
import WARC

/// `vestige export`: the archive, or the hits of a search, in an open format for other tools.
public struct ExportCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the archive, or a search's hits, as WACZ, CDXJ, GeoJSON, KML, CSV or JSONL.",
        discussion: """
            Takes the same query and filters as vestige search; without any, exports the whole \
            archive (every hit; for wacz and cdxj every WARC file). Rows (csv, jsonl, geojson, kml) \
            carry their provenance: warc_file, warc_offset, record_id, payload_digest. GeoJSON \
            (RFC 7946, [longitude, latitude]) and KML hold the hits that have a position.

            cdxj: with filters, the index lines of the hits' own records; without, of every record. \
            wacz: a WACZ 1.1.1 package for ReplayWeb.page and pywb. WARC files are evidence and are \
            copied whole: with filters, the package holds the WARC files that contain the hits (and \
            so other records too) and lists only the hits in pages.jsonl.

            The file is written beside --output and renamed into place when complete.
            Exit status: 0 ok, 1 cannot write, 64 bad query or option, 65 unreadable archive data.

            Examples:
              vestige export --archive arch --format wacz --output arch.wacz
              vestige export --archive arch --format geojson --output places.geojson --has-gps
              vestige export --archive arch --format csv --output floods.csv flood --since 2021-01-01
            """)

    @OptionGroup var archiveOptions: ArchiveOptions

    @Option(name: .long, help: "wacz, cdxj, geojson, kml, csv or jsonl.")
    var format: ExportFormat

    @Option(name: .long, help: ArgumentHelp("The file to write (replaced if it exists).", valueName: "FILE"))
    var output: String

    @OptionGroup var filters: SearchFilterOptions

    public init() {}

    public func run() throws {
        do {
            let summary = try perform()
            StandardStream.writeError(summary + "\n")
        } catch let error as SearchUsageError {
            StandardStream.writeError("vestige: \(error.message)\n")
            throw ExitCode.usage
        } catch let error as WARCError {
            StandardStream.writeError("vestige: \(error)\n")
            switch error {
            case .io, .noSpace, .fileExists, .writerClosed: throw ExitCode.failure
            default: throw ExitCode.badInput  // a WARC record that cannot be read
            }
        } catch let error as ArchiveIndexError {
            StandardStream.writeError("vestige: \(error)\n")
            throw ExitCode.failure
        } catch let error as CLIError {
            StandardStream.writeError("vestige: \(error)\n")
            throw ExitCode.failure
        }
    }

    /// Writes the export and returns a one-line summary.
    public func perform() throws -> String {
        let layout = archiveOptions.layout
        let request = try filters.request(defaultLimit: nil)
        // One case per format and no `default`: a new format does not compile until it says what
        // it writes.
        switch format {
        case .csv:
            return try exportHits(request, layout: layout, placedOnly: false) {
                HitWriter(format: .csv).write($0, to: &$1)
            }
        case .jsonl:
            return try exportHits(request, layout: layout, placedOnly: false) {
                HitWriter(format: .jsonl).write($0, to: &$1)
            }
        case .geojson:
            return try exportHits(request, layout: layout, placedOnly: true) {
                HitWriter(format: .geojson).write($0, to: &$1)
            }
        case .kml:
            let title = "vestige export of \(layout.directory)"
            return try exportHits(request, layout: layout, placedOnly: true) {
                KMLWriter.write($0, title: title, to: &$1)
            }
        case .cdxj:
            return try exportCDXJ(request, layout: layout)
        case .wacz:
            return try exportWACZ(request, layout: layout)
        }
    }

    /// Writes the hits as rows with `write`; `placedOnly` formats hold only the hits with a position.
    private func exportHits(
        _ request: SearchRequest, layout: ArchiveLayout, placedOnly: Bool,
        write: ([SearchHit], inout FileSink) -> Void
    ) throws -> String {
        let hits = try search(request, layout: layout)
        var sink = try FileSink(path: output)
        write(hits, &sink)
        try sink.commit()
        let placed = hits.filter { $0.latitude != nil && $0.longitude != nil }.count
        let rows = placedOnly ? "\(placed) of \(hits.count) hits (with a position)" : "\(hits.count) hits"
        return "exported \(rows) to \(output) (\(ByteCount.format(sink.bytes)))"
    }

    private func exportCDXJ(_ request: SearchRequest, layout: ArchiveLayout) throws -> String {
        var lines: [String] = []
        var skipped = 0
        if filters.isFiltered {
            for hit in try search(request, layout: layout) {
                guard let file = hit.warcFile, let offset = hit.warcOffset, let path = warcPath(file, layout) else {
                    skipped += 1
                    continue
                }
                let entry = try WARCReader.record(at: offset, in: path)
                if let line = CDXJIndexer.line(for: entry, filename: file) { lines.append(line) }
            }
        } else {
            for name in directoryEntries(layout.warcDirectory, suffixes: WARCCompression.fileSuffixes) {
                let reader = try WARCReader(path: layout.warcPath(name))
                while let entry = try reader.next() {
                    if let line = CDXJIndexer.line(for: entry, filename: name) { lines.append(line) }
                }
            }
        }
        try CDXJIndexWriter.write(lines: lines, to: output)
        return "exported \(CDXJIndexWriter.sorted(lines).count) CDXJ lines to \(output)"
            + (skipped > 0 ? " (\(skipped) hits have no WARC record: posts from JSONL dumps)" : "")
    }

    private func exportWACZ(_ request: SearchRequest, layout: ArchiveLayout) throws -> String {
        let available = directoryEntries(layout.warcDirectory, suffixes: WARCCompression.fileSuffixes)
        var files = available
        var pageRecords: Set<String>?
        var outside = 0
        if filters.isFiltered {
            let hits = try search(request, layout: layout)
            let present = Set(available)
            let inArchive = hits.filter { $0.warcFile.map(present.contains) ?? false }
            outside = hits.count - inArchive.count
            let wanted = Set(inArchive.compactMap(\.warcFile))
            files = available.filter(wanted.contains)
            pageRecords = Set(inArchive.compactMap(\.recordID))
        }
        guard !files.isEmpty else {
            throw CLIError("nothing to export: no WARC file in \(layout.warcDirectory) holds a hit")
        }
        let export = WACZExport(layout: layout, files: files, pageRecords: pageRecords, titles: try titles(layout))
        let summary = try export.write(to: output, title: "vestige archive \(layout.directory)")
        var text =
            "exported \(summary.files) WARC files, \(summary.records) records, \(summary.pages) pages to \(output) "
            + "(\(ByteCount.format(summary.bytes)))"
        if outside > 0 { text += "; \(outside) hits have no WARC record in \(layout.warcDirectory) and are not in it" }
        if summary.unreadable > 0 {
            text += "; \(summary.unreadable) records could not be read (run vestige verify)"
        }
        return text
    }

    private func search(_ request: SearchRequest, layout: ArchiveLayout) throws -> [SearchHit] {
        try ArchiveSearcher(path: layout.databasePath).search(request)
    }

    /// The path of a WARC file a hit names: in `DIR/warc`, or an absolute path the import kept.
    private func warcPath(_ file: String, _ layout: ArchiveLayout) -> String? {
        let path = file.hasPrefix("/") ? file : layout.warcPath(file)
        return fileExists(path) ? path : nil
    }

    /// Titles of indexed pages by record id, for pages.jsonl; empty without an index.
    private func titles(_ layout: ArchiveLayout) throws -> [String: String] {
        guard fileExists(layout.databasePath) else { return [:] }
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: layout.databasePath, configuration: configuration)
        return try queue.read { db in
            guard try db.tableExists("pages") else { return [:] }
            var titles: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT record_id, title FROM pages WHERE title IS NOT NULL") {
                titles[row["record_id"]] = row["title"]
            }
            return titles
        }
    }
}
