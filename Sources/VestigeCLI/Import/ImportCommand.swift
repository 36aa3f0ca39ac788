public import ArchiveIndex
public import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `vestige import`: JSONL post dumps and WARC files from any crawler into an archive's index.
public struct ImportCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import JSONL post dumps, WARC files, WACZ packages and exiftool JSON into an archive.",
        discussion: """
            JSONL dumps (.jsonl, .ndjson, .json): one object per line with platform, id, url, \
            author, created_at (ISO 8601 with any offset), body, and optionally latitude, \
            longitude, deleted_at, media [{url, ...}], author_display, lang, reply_to, repost_of. \
            WARC files (.warc, .warc.gz, .warc.zst) from wget, ArchiveTeam, browsertrix or vestige: HTML \
            responses become searchable pages, images and videos media with their place and time.

            WACZ packages (.wacz, or any ZIP with datapackage.json): every archive/*.warc(.gz) entry \
            is checked against the ZIP's CRC-32 and the SHA-256 datapackage.json lists for it, then \
            copied byte for byte to DIR/warc/<package>--<entry>-<sha256 prefix>.warc.gz and imported \
            from there, so show, verify, reindex and export read it like any other WARC file and \
            `sha256sum` of the copy equals the package's hash. An entry that fails a check is reported \
            (package and entry named) and not copied; the others are imported. pages/pages.jsonl \
            titles (and browsertrix text) fill pages that have none of their own (reindex reads the \
            WARC files only and drops those titles; importing the package again restores them).

            exiftool JSON (`exiftool -json [-n] [-G] -r DIR > media.json`, recognised by content: a \
            JSON array whose objects start with SourceFile; `vestige extract --json` output too): \
            each object becomes a media row with url = SourceFile, its place, time and device \
            fields read from exiftool's formatted or -n values, taken_at and the 0,0 flag computed \
            as for extracted media, and the object kept in media.exiftool_json. Provenance: \
            media.source_file (the JSON file) and source_index (the object's 0-based index, \
            `jq '.[N]'`); search shows them as source_file and source_line. Unusable GPS ("", "inf") \
            gives no position and a warning in the row. reindex rebuilds media from the WARC files \
            only: import the JSON again after it.

            Importing the same file again changes nothing. A post whose text changed is updated \
            and keeps its earlier text in post_versions. Bad lines and records are reported with \
            file:line (or file@offset) and skipped; a summary follows.

            Exit status: 0 ok, 1 runtime failure, 65 when some input could not be imported.

            Examples:
              vestige import --archive arch posts-2021.jsonl
              vestige import --archive arch crawl/*.warc.gz
              vestige import --archive arch parler-2021.wacz
              vestige import --archive arch videos.json    # exiftool -json -r videos/ > videos.json
            """)

    @Option(name: .long, help: "The archive folder (created when missing).")
    var archive: String

    @OptionGroup var platformOptions: PlatformOptions

    @Argument(help: "JSONL dumps, WARC files, WACZ packages and exiftool JSON files.")
    var files: [String]

    /// Most problems printed per file; the rest are counted.
    static let maxProblemsShown = 1000

    public init() {}

    public func validate() throws {
        if files.isEmpty {
            throw ValidationError("Give at least one JSONL, WARC, WACZ or exiftool JSON file to import.")
        }
    }

    public func run() throws {
        var output = StandardStream.output
        defer { output.flush() }
        let console = ImportConsole.standardError()
        let summary: ImportSummary
        do {
            summary = try perform(output: &output, console: console, showProgress: isatty(STDERR_FILENO) != 0)
        } catch let error as ArchiveIndexError {
            console.line("vestige: \(error)")
            throw ExitCode.failure
        }
        if summary.bad > 0 { throw ExitCode.badInput }
    }

    /// Imports every file; problems and progress go to `console`, the summary to `output`.
    public func perform(output: inout some TextSink, console: ImportConsole, showProgress: Bool = false) throws
        -> ImportSummary
    {
        do {
            try FileManager.default.createDirectory(atPath: archive, withIntermediateDirectories: true)
        } catch {
            throw ArchiveIndexError.database(
                path: archive, context: "creating the archive folder", message: error.localizedDescription)
        }
        let path = SearchCommandSupport.databasePath(archive)
        let database: ArchiveDatabase
        do {
            database = try ArchiveDatabase(path: path)
        } catch {
            throw ArchiveIndexError.database(path: path, context: "opening the archive", message: "\(error)")
        }
        var total = ImportSummary()
        for file in files {
            var shown = 0
            var hidden = 0
            let report: (ImportProblem) -> Void = { problem in
                if shown < Self.maxProblemsShown {
                    console.line("vestige: \(problem)")
                    shown += 1
                } else {
                    hidden += 1
                }
            }
            let progress: ((ImportProgress) -> Void)? =
                showProgress ? { state in console.progress(ImportProgressLine.text(state)) } : nil
            let summary: ImportSummary
            switch ImportFileKind.detect(path: file) {
            case .jsonl:
                summary = try JSONLImporter(database: database).importFile(
                    path: file, problem: report, progress: progress)
            case .warc:
                summary = try WARCImporter(
                    database: database, adapters: try platformOptions.adapterSet(archive: archive)
                ).importFile(
                    path: file, problem: report, progress: progress)
            case .exiftoolJSON:
                summary = try ExifToolJSONImporter(database: database).importFile(
                    path: file, problem: report, progress: progress)
            case .wacz:
                let warcImporter = WARCImporter(
                    database: database, adapters: try platformOptions.adapterSet(archive: archive))
                summary = try WACZImporter(warcImporter: warcImporter, archive: archive).importFile(
                    path: file, problem: report, note: { console.line("vestige: \($0)") }, progress: progress)
            case .unreadable(let reason):
                report(ImportProblem(file: file, message: reason))
                var failed = ImportSummary()
                failed.bad = 1
                summary = failed
            }
            console.clearProgress()
            if hidden > 0 { console.line("vestige: \(file): \(hidden) more problems not shown") }
            output.write("\(file): \(summary)\n")
            total.add(summary)
        }
        if files.count > 1 { output.write("total: \(total)\n") }
        do {
            try database.checkpoint()
        } catch {
            console.line(
                "vestige: \(path): could not checkpoint the WAL (\(error)); the data is safe, run any import again to retry"
            )
        }
        return total
    }
}
