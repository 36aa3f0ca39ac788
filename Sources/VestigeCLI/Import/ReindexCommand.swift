import ArchiveIndex
public import ArgumentParser

#if canImport(Glibc)
    import Glibc
#endif

/// `vestige reindex`: rebuild the archive's index from its WARC files.
public struct ReindexCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "reindex",
        abstract: "Rebuild the search index of an archive from DIR/warc/*.warc.gz.",
        discussion: """
            Pages, media and captures are read again from the WARC files; the full-text and \
            place indexes of posts are rebuilt. Posts imported from JSONL dumps and media imported \
            from exiftool JSON are kept (they \
            are not in the WARC files). Exit status: 0 ok, 1 runtime failure, 65 when some \
            record could not be read.
            """)

    @OptionGroup var platformOptions: PlatformOptions

    @Option(name: .long, help: "The archive folder.")
    var archive: String

    public init() {}

    public func run() throws {
        var output = StandardStream.output
        defer { output.flush() }
        let console = ImportConsole.standardError()
        let path = SearchCommandSupport.databasePath(archive)
        let database: ArchiveDatabase
        do {
            database = try ArchiveDatabase(path: path)
        } catch {
            console.line("vestige: \(path): cannot open the archive: \(error)")
            throw ExitCode.failure
        }
        let warc = archive + "/warc"
        let files = IndexRebuilder.warcFiles(in: warc)
        if files.isEmpty {
            console.line("vestige: no .warc, .warc.gz or .warc.zst files in \(warc); rebuilding the post indexes only")
        }
        let showProgress = isatty(STDERR_FILENO) != 0
        let summary = try IndexRebuilder.rebuild(
            database: database, warcDirectory: warc, adapters: try platformOptions.adapterSet(archive: archive),
            problem: { console.line("vestige: \($0)") },
            progress: showProgress ? { console.progress(ImportProgressLine.text($0)) } : nil)
        console.clearProgress()
        try database.checkpoint()
        output.write("\(files.count) WARC files: \(summary)\n")
        if summary.bad > 0 { throw ExitCode.badInput }
    }
}
