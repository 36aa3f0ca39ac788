import ArchiveIndex
import ArgumentParser
import Crawling
import Dispatch
import Fetching
import GRDB
import HTMLParsing
import PlatformAdapters

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One `vestige crawl` run as the user sees it: signal handling, the progress line, the JSON
/// log and the closing summary around a `Crawler`.
final class CrawlSession: Sendable {
    let crawler: Crawler
    let layout: ArchiveLayout
    let quiet: Bool
    let log: JSONLinesLog?
    let adapters: AdapterSet
    /// Whether the session indexes what it archived when it ends.
    let indexes: Bool

    init(
        configuration: CrawlConfiguration, layout: ArchiveLayout, logPath: String?, quiet: Bool, indexes: Bool = true
    ) throws {
        if let missing = CurlClient.libraryProblem ?? HTMLDocument.parserProblem {
            StandardStream.writeError("vestige: \(missing)\n")
            throw ExitCode.failure
        }
        let log = try logPath.map { try JSONLinesLog(path: $0) }
        self.log = log
        self.layout = layout
        self.quiet = quiet
        adapters = configuration.adapters
        self.indexes = indexes
        crawler = try Crawler(
            configuration: configuration, layout: layout, software: "vestige/\(VersionCommand.vestigeVersion)",
            onEvent: { event in
                log?.write(event)
                if event.kind == .recovered, let reason = event.reason {
                    StandardStream.writeError("vestige: \(reason)\n")
                }
            })
    }

    /// Seeds of an earlier crawl in this archive (depth-0 URLs), for resuming without arguments.
    static func resumeSeeds(layout: ArchiveLayout) throws -> [CrawlURL] {
        guard fileExists(layout.databasePath) else { return [] }
        let database = try ArchiveDatabase(path: layout.databasePath)
        return try database.read { db in
            try String.fetchAll(db, sql: "SELECT url FROM frontier WHERE depth = 0 AND url NOT LIKE '%/robots.txt'")
        }.compactMap { CrawlURL($0) }
    }

    struct Outcome {
        var statistics: CrawlStatistics
        var interrupted: Bool
        /// Why indexing what was archived failed (the WARC files are complete), if it did.
        var indexFailure: String?
    }

    func run() async throws -> Outcome {
        let interrupts = SignalWatcher()
        let crawler = self.crawler
        interrupts.onSignal = { count in
            if count == 1 {
                StandardStream.writeError(
                    "\nvestige: stopping — finishing the fetches under way (Ctrl-C again to quit now)\n")
                Task { await crawler.requestStop() }
            } else {
                exit(130)
            }
        }
        let progress = ProgressLine(enabled: !quiet && StandardStream.error.isTerminal)
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(500))
                progress.show(Self.progressText(await crawler.currentStatistics()))
            }
        }
        let statistics = try await crawler.run()
        ticker.cancel()
        progress.clear()
        let interrupted = interrupts.count > 0
        let sealed = try ManifestSealing.seal(layout: layout)
        try printSummary(statistics, interrupted: interrupted)
        StandardStream.writeError(sealed)
        var indexFailure: String?
        if indexes {
            if let failure = statistics.archiveFailure {
                StandardStream.writeError(
                    "vestige: not indexed: the archive could not be written (\(failure)); the next run indexes it\n")
            } else {
                do {
                    try indexNewFiles()
                } catch {
                    // The WARC files are complete; only the index lags.
                    indexFailure = "\(error)"
                    StandardStream.writeError(
                        "vestige: indexing stopped: \(error); the archive is complete, and the next crawl "
                            + "(or vestige import of its WARC files) indexes the rest\n")
                }
            }
        }
        return Outcome(statistics: statistics, interrupted: interrupted, indexFailure: indexFailure)
    }

    /// Indexes what the crawl archived (posts through the platform adapters, pages, media
    /// metadata), so `vestige search` works as soon as the crawl ends; files an interrupted run
    /// left unindexed are read too. A second Ctrl-C stops it: what was committed stays, and the
    /// next crawl or import of the archive reads the rest.
    func indexNewFiles() throws {
        let database = try ArchiveDatabase(path: layout.databasePath)
        let console = ImportConsole.standardError()
        let progress = ProgressLine(enabled: !quiet && StandardStream.error.isTerminal)
        let importer = WARCImporter(database: database, adapters: adapters)
        var problems = 0
        let (files, _) = try importer.importNewFiles(
            in: layout.warcDirectory,
            problem: { problem in
                problems += 1
                if problems <= 20 { console.line("vestige: \(problem)") }
            },
            progress: { progress.show("indexing " + ImportProgressLine.text($0)) })
        progress.clear()
        try database.checkpoint()
        guard !quiet, !files.isEmpty else { return }
        let counts = try database.read { db in
            try ["posts", "pages", "media"].map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? 0 }
        }
        var out = StandardStream.error
        out.write(
            "  index      \(files.count) WARC files read: \(counts[0]) posts, \(counts[1]) pages, \(counts[2]) media "
                + "searchable (vestige search --archive \(layout.directory) WORDS)\n")
        if problems > 20 { out.write("  index      \(problems - 20) more unreadable records not shown\n") }
        out.flush()
    }

    static func progressText(_ s: CrawlStatistics) -> String {
        let rate = NumberText.fixed(s.pagesPerSecond, decimals: 1)
        var text = "\(s.archived) archived (\(rate)/s), \(ByteCount.format(s.bytes)), \(s.discovered) found"
        if s.retries > 0 { text += ", \(s.retries) retries" }
        if s.robotsExcluded > 0 { text += ", \(s.robotsExcluded) robots.txt" }
        if s.failed > 0 { text += ", \(s.failed) failed" }
        return text
    }

    func printSummary(_ s: CrawlStatistics, interrupted: Bool) throws {
        let database = try ArchiveDatabase(path: layout.databasePath)
        let counts = try Frontier(database: database).counts()
        var out = StandardStream.error
        out.write(interrupted ? "crawl interrupted: rerun the same command to resume\n" : "crawl finished\n")
        out.write(
            "  archived   \(s.archived) URLs (\(s.revisits) revisits), \(ByteCount.format(s.bytes)) in \(NumberText.fixed(s.elapsed, decimals: 1)) s (\(NumberText.fixed(s.pagesPerSecond, decimals: 1))/s)\n"
        )
        if !s.failures.isEmpty {
            out.write(
                "  failed     "
                    + s.failures.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                    + "\n")
        }
        if s.robotsExcluded > 0 { out.write("  robots.txt \(s.robotsExcluded) URLs not fetched\n") }
        if s.headerOnlyMedia > 0 {
            let saved = s.headerOnlyMediaBytes - s.headerOnlyFetchedBytes
            let percent = s.headerOnlyMediaBytes > 0 ? 100 * Double(saved) / Double(s.headerOnlyMediaBytes) : 0
            out.write(
                "  media      \(s.headerOnlyMedia) files header-only: \(ByteCount.format(s.headerOnlyFetchedBytes)) of "
                    + "\(ByteCount.format(s.headerOnlyMediaBytes)) fetched, \(ByteCount.format(saved)) "
                    + "(\(NumberText.fixed(percent, decimals: 1)) %) saved\n")
        }
        let left = (counts[.queued] ?? 0) + (counts[.retry] ?? 0) + (counts[.inFlight] ?? 0)
        out.write(
            "  frontier   \(counts[.done] ?? 0) done, \(left) left, \(counts[.failed] ?? 0) failed, \(counts[.excluded] ?? 0) excluded\n"
        )
        out.write("  archive    \(layout.directory) (WARC files in \(layout.warcDirectory))\n")
        out.flush()
    }
}

/// Counts SIGINT/SIGTERM and calls back on each.
final class SignalWatcher: @unchecked Sendable {
    // Safety: `count` and `onSignal` are only touched on `queue`.
    private let queue = DispatchQueue(label: "vestige.signals")
    private var sources: [any DispatchSourceSignal] = []
    private var received = 0
    var onSignal: (Int) -> Void = { _ in }

    init() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [unowned self] in
                received += 1
                onSignal(received)
            }
            source.resume()
            sources.append(source)
        }
    }

    var count: Int { queue.sync { received } }
}
