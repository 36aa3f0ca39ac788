public import ArgumentParser
import Crawling
import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `vestige crawl`: archive a site into WARC files, politely and resumably.
public struct CrawlCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "crawl",
        abstract: "Archive a site into WARC/1.1 files, politely and resumably.",
        discussion: """
            Fetches the seed URLs and everything they link to within the scope, and writes every \
            HTTP exchange byte for byte into DIR/warc/*.warc.gz (request, response, metadata with \
            outlinks; revisit records for payloads already archived). The frontier lives in \
            DIR/archive.sqlite: run the same command again to resume after Ctrl-C, a crash or a \
            kill; nothing is lost and nothing archived twice.

            Politeness is on by default: robots.txt (RFC 9309) and Crawl-delay are obeyed, at most \
            --per-host-concurrency requests run against one host, --per-host-delay seconds apart, \
            429/503 Retry-After is honoured and failures back off exponentially. The User-Agent \
            names vestige and your --contact.

            When the crawl ends (also after Ctrl-C) it indexes what it archived: posts through the \
            platform adapters, pages, media metadata, so `vestige search` works at once; files an \
            earlier, killed run left unindexed are read too. --no-index skips that (index later \
            with the next crawl or `vestige import`).

            Progress: a live line on a terminal; with --log FILE, one JSON object per URL event.
            Exit status: 0 when the frontier is done (or --max-pages reached), 130 after Ctrl-C \
            (rerun to resume), 1 when the archive cannot be written or indexed, 64 for bad options.

            Examples:
              vestige crawl --archive ./site https://example.org/ --contact mailto:me@example.org
              vestige crawl --archive ./site        (resume)
            """)

    @OptionGroup var archiveOptions: ArchiveOptions
    @OptionGroup var platformOptions: PlatformOptions

    @Argument(help: "Seed URLs (not needed to resume).")
    var seeds: [String] = []

    @Flag(name: .customLong("no-index"), help: "Do not index the archived records when the crawl ends.")
    var noIndex = false

    @Option(
        help: ArgumentHelp(
            "Settings file (default: DIR/vestige.toml when it exists); options given here win over it.",
            valueName: "FILE"))
    var config: String?

    @Option(
        help:
            "Scope: host (same host as a seed), domain (and subdomains) or prefix (URLs under a seed). (default: host)")
    var scope: CrawlScope.Mode?

    @Option(help: "Regular expression a followed URL must match (repeatable).")
    var include: [String] = []

    @Option(help: "Regular expression that excludes a URL (repeatable).")
    var exclude: [String] = []

    @Option(help: "Stop after archiving this many URLs in this run.")
    var maxPages: Int?

    @Option(help: "Links followed from a seed at most. (default: 20)")
    var maxDepth: Int?

    @Flag(help: "Do not obey robots.txt. Only for sites you own or have permission to archive this way.")
    var ignoreRobots = false

    @OptionGroup var politeness: PolitenessOptions

    @Option(help: "Largest response body archived, in bytes; longer ones are cut and marked truncated.")
    var maxBodyBytes: Int = 100 * 1024 * 1024

    @Option(
        help: ArgumentHelp(
            "Trust the certificate authorities in this PEM file instead of the system's (a test server, an intranet CA); certificates are still checked.",
            valueName: "FILE"))
    var caFile: String?

    @Option(help: "Roll WARC files over at this size in bytes.")
    var warcSize: Int64 = 1_000_000_000

    @Option(
        help: ArgumentHelp(
            "Media files: full, or headers (only the byte ranges holding JPEG/MP4/MOV metadata, via HTTP Range). (default: full)",
            valueName: "full|headers"))
    var media: MediaFetchMode?

    @Option(help: ArgumentHelp("Write one JSON object per URL event to this file.", valueName: "FILE"))
    var log: String?

    @Flag(help: "No progress line.")
    var quiet = false

    public init() {}

    public func validate() throws {
        for seed in seeds where CrawlURL(seed) == nil {
            throw ValidationError("'\(seed)' is not an http(s) URL.")
        }
        if let maxPages, maxPages < 1 { throw ValidationError("--max-pages must be at least 1.") }
        do {
            try CrawlScope(mode: scope ?? .host, seeds: [], include: include, exclude: exclude).validate()
        } catch {
            throw ValidationError(error.description)
        }
    }

    public func run() async throws {
        let layout = archiveOptions.layout
        let file: CrawlConfigFile?
        do {
            file = try CrawlConfigFile.load(path: config ?? layout.configPath)
        } catch {
            throw ValidationError(error.description)
        }
        if let config, file == nil { throw ValidationError("--config \(config): no such file.") }
        let settings = file ?? CrawlConfigFile()
        for seed in settings.seeds where CrawlURL(seed) == nil {
            throw ValidationError("seed '\(seed)' in the configuration file is not an http(s) URL.")
        }
        let adapters = try platformOptions.adapterSet(file: file)
        // Enumerated ids are seeds: each post URL is fetched whether or not anything links to it.
        let enumerated = adapters.configuration.idRange?.urls().compactMap { CrawlURL($0) } ?? []
        let seedURLs = (seeds.isEmpty ? settings.seeds : seeds).compactMap { CrawlURL($0) } + enumerated
        let knownSeeds = try CrawlSession.resumeSeeds(layout: layout)
        let allSeeds = seedURLs.isEmpty ? knownSeeds : seedURLs
        guard !allSeeds.isEmpty else {
            throw ValidationError("Give at least one seed URL (or --archive a folder with an earlier crawl to resume).")
        }
        var configuration = CrawlConfiguration(
            seeds: seedURLs,
            scope: CrawlScope(
                mode: scope ?? settings.scope ?? .host, seeds: allSeeds, include: include + settings.include,
                exclude: exclude + settings.exclude, maxDepth: maxDepth ?? settings.maxDepth ?? 20),
            userAgent: politeness.userAgent(settings))
        try politeness.apply(to: &configuration, settings: settings)
        configuration.maxPages = maxPages ?? settings.maxPages
        configuration.ignoreRobots = ignoreRobots
        configuration.maxBodyBytes = maxBodyBytes
        configuration.maxWARCFileSize = warcSize
        configuration.adapters = adapters
        configuration.mediaMode = media ?? settings.media ?? .full
        configuration.caFile = caFile
        politeness.warnWithoutContact(settings)
        let session = try CrawlSession(
            configuration: configuration, layout: layout, logPath: log, quiet: quiet, indexes: !noIndex)
        let outcome = try await session.run()
        if let failure = outcome.statistics.archiveFailure {
            var errors = StandardStream.error
            errors.write(
                "vestige: stopped: could not write the archive: \(failure)\n"
                    + "vestige: nothing archived so far is lost; free disk space (or raise the file size limit) "
                    + "and run the same command again to resume\n")
            errors.flush()
            throw ExitCode.failure
        }
        if outcome.interrupted { throw ExitCode(130) }
        if outcome.indexFailure != nil { throw ExitCode.failure }
    }
}

extension CrawlScope.Mode: ExpressibleByArgument {}
extension MediaFetchMode: ExpressibleByArgument {}
