import ArchiveIndex
public import ArgumentParser
import Crawling
import Dispatch
import GRDB
import WARC

/// `vestige verify`: re-reads every WARC record of an archive and checks it.
public struct VerifyCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-read every WARC record of an archive and check its digests and structure.",
        discussion: """
            Checks every record of DIR/warc/*.warc.gz (and .warc, .warc.zst): headers, Content-Length, \
            WARC-Block-Digest and, \
            for responses, WARC-Payload-Digest (over the de-chunked payload, as WARC 1.1 defines it); \
            detects truncated and damaged records and reports each with its file and offset. When \
            DIR/archive.sqlite exists, also checks that every capture it lists is at the offset it names. \
            When DIR/manifest.sha256 exists, reports WARC files added, removed or changed since it was \
            written, and re-computes every link of DIR/manifest-chain.jsonl.

            Exit status: 0 when everything is sound, 65 when any problem was found, 1 when the \
            archive cannot be read.
            """)

    @OptionGroup var archiveOptions: ArchiveOptions

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    public init() {}

    public func run() throws {
        var output = StandardStream.output
        let clean = try perform(output: &output)
        output.flush()
        if !clean { throw ExitCode.badInput }
    }

    /// Checks the archive and writes the report to `output`; returns true when it is clean.
    public func perform(output: inout some TextSink) throws -> Bool {
        let layout = archiveOptions.layout
        guard fileExists(layout.directory) else {
            throw ValidationError("No archive folder at \(layout.directory).")
        }
        let files = directoryEntries(layout.warcDirectory, suffixes: WARCCompression.fileSuffixes)
        let reports = ReportSlots(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            reports.store(
                WARCVerifier.verify(path: layout.warcPath(files[index]), displayName: files[index]), at: index)
        }
        var allReports = reports.take()
        var problems = allReports.flatMap(\.problems)
        if fileExists(layout.databasePath) {
            problems += try crossCheck(layout: layout, reports: &allReports)
        }
        let manifest = ManifestCheck.check(layout: layout)
        if json {
            output.write(Self.json(reports: allReports, problems: problems, manifest: manifest))
        } else {
            for report in allReports {
                output.write("\(report.file): \(report.records) records, \(report.digestsChecked) digests checked")
                output.write(report.problems.isEmpty ? ", ok\n" : ", \(report.problems.count) problems\n")
            }
            for problem in problems { output.write("  PROBLEM \(problem)\n") }
            if manifest.present {
                output.write(
                    "manifest: \(manifest.listed) files in manifest.sha256, \(manifest.links) links in "
                        + "manifest-chain.jsonl" + (manifest.isClean ? ", ok\n" : "\n"))
                for finding in manifest.findings { output.write("  PROBLEM \(finding)\n") }
            } else {
                output.write("manifest: none (manifest.sha256 is written at the end of each crawl)\n")
            }
            let records = allReports.reduce(0) { $0 + $1.records }
            let total = problems.count + manifest.findings.count
            output.write(
                total == 0
                    ? "verify: \(files.count) WARC files, \(records) records: clean\n"
                    : "verify: \(files.count) WARC files, \(records) records: \(total) problems\n")
        }
        return problems.isEmpty && manifest.isClean
    }

    /// Every capture listed in archive.sqlite must be in its file at its offset.
    func crossCheck(layout: ArchiveLayout, reports: inout [WARCVerifier.FileReport]) throws -> [WARCVerifier.Problem] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: layout.databasePath, configuration: configuration)
        let byFile = Dictionary(uniqueKeysWithValues: reports.map { ($0.file, $0) })
        return try queue.read { db -> [WARCVerifier.Problem] in
            guard try db.tableExists("captures") else { return [] }
            var problems: [WARCVerifier.Problem] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT record_id, warc_file, warc_offset FROM captures")
            while let row = try rows.next() {
                let file: String = row["warc_file"]
                let offset: Int64 = row["warc_offset"]
                let id: String = row["record_id"]
                guard let report = byFile[file] else {
                    problems.append(.init(file: file, offset: offset, recordID: id, message: "WARC file is missing"))
                    continue
                }
                if report.recordOffsets[id] != offset {
                    problems.append(
                        .init(file: file, offset: offset, recordID: id, message: "capture not found at this offset"))
                }
            }
            return problems
        }
    }

    static func json(reports: [WARCVerifier.FileReport], problems: [WARCVerifier.Problem], manifest: ManifestReport)
        -> String
    {
        let files = reports.map { report in
            "{\"file\": \(ExiftoolJSONWriter.quoted(report.file)), \"records\": \(report.records), "
                + "\"digests_checked\": \(report.digestsChecked), \"problems\": \(report.problems.count)}"
        }
        let items = problems.map { problem in
            "{\"file\": \(ExiftoolJSONWriter.quoted(problem.file)), \"offset\": \(problem.offset), "
                + "\"record_id\": \(problem.recordID.map(ExiftoolJSONWriter.quoted) ?? "null"), "
                + "\"message\": \(ExiftoolJSONWriter.quoted(problem.message))}"
        }
        func names(_ list: [String]) -> String { "[" + list.map(JSONText.quoted).joined(separator: ", ") + "]" }
        let manifestJSON =
            manifest.present
            ? "{\"clean\": \(manifest.isClean), \"listed\": \(manifest.listed), \"links\": \(manifest.links), "
                + "\"added\": \(names(manifest.added)), \"removed\": \(names(manifest.removed)), "
                + "\"changed\": \(names(manifest.changed)), \"problems\": \(names(manifest.problems))}" : "null"
        return "{\"clean\": \(problems.isEmpty && manifest.isClean), \"files\": [\(files.joined(separator: ", "))], "
            + "\"problems\": [\(items.joined(separator: ", "))], \"manifest\": \(manifestJSON)}\n"
    }
}

/// Per-file reports filled by concurrent workers, each its own index.
private final class ReportSlots: @unchecked Sendable {
    // Safety: concurrentPerform gives each index to one worker and returns before `take` runs.
    private var slots: [WARCVerifier.FileReport?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func store(_ report: WARCVerifier.FileReport, at index: Int) {
        slots.withUnsafeMutableBufferPointer { $0[index] = report }
    }
    func take() -> [WARCVerifier.FileReport] { slots.compactMap { $0 } }
}
