import ArchiveIndex
public import ArgumentParser
import Crawling

/// `vestige report`: what an archive holds and what it lacks, per host, platform and in its media.
public struct ReportCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Summarise an archive: coverage per host and platform, failures, id gaps, media place and time.",
        discussion: """
            Per host: captures and their compressed bytes in the WARC files, posts, pages and \
            media indexed, URLs given up on (by reason) and URLs robots.txt kept out. Per platform: \
            posts, deleted ones, and for numeric post ids the ranges held and the gaps between them. \
            Media: how many have a position, sit at exactly 0,0, carry a capture time with its \
            offset, and where that capture time and the QuickTime container time (UTC) differ by \
            more than the offset explains (more than 2 minutes either way).

            Reads DIR/archive.sqlite only (read-only). Exit status: 0 ok, 1 no archive or unreadable index.
            """)

    @OptionGroup var archiveOptions: ArchiveOptions

    @Option(name: .long, help: "table or json.")
    var format: ReportFormat = .table

    /// Gaps and mismatches listed in the table (json lists them all).
    @Option(name: .long, help: "Gaps and time mismatches listed per section in the table (json lists all).")
    var show: Int = 10

    public init() {}

    public func run() throws {
        var output = StandardStream.output
        defer { output.flush() }
        do {
            try perform(output: &output)
        } catch let error as CLIError {
            output.flush()
            StandardStream.writeError("vestige: \(error)\n")
            throw ExitCode.failure
        }
    }

    /// Reads the report and writes it to `output`.
    public func perform(output: inout some TextSink) throws {
        let layout = archiveOptions.layout
        guard fileExists(layout.databasePath) else {
            throw CLIError(
                "no archive at \(layout.databasePath): give the folder a crawl or import wrote (--archive DIR)")
        }
        let report: ArchiveReport
        do {
            report = try ArchiveReport(databasePath: layout.databasePath)
        } catch {
            throw CLIError("\(layout.databasePath): cannot read the index: \(error)")
        }
        switch format {
        case .table: ReportTableWriter(limit: max(0, show)).write(report, to: &output)
        case .json: output.write(ReportJSONWriter.json(report) + "\n")
        }
    }
}
