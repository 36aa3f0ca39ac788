import ArchiveIndex
public import ArgumentParser
import Crawling
import SamplePlatform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `vestige demo`: the whole pipeline on the user's own machine, on loopback.
public struct DemoCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Sample platform on loopback → crawl → extract → index → search, in one command.",
        discussion: """
            Starts the bundled sample social platform on a free 127.0.0.1 port, archives it into a \
            fresh folder (WARC files + archive.sqlite) with progress shown, indexes the pages and \
            the media (place and time from image and video headers), runs a few example searches \
            (a word, a place, a time window), and prints where the archive is and what to try next. \
            Nothing leaves this machine.
            """)

    @Option(help: ArgumentHelp("Archive folder to create (default: ./vestige-demo-TIMESTAMP).", valueName: "DIR"))
    var dir: String?

    @Flag(help: "Use the full sample data set (3,000 posts; slower) instead of the small one.")
    var full = false

    @Option(help: ArgumentHelp("Sample data folder (default: Samples/ beside the checkout).", valueName: "DIR"))
    var data: String?

    public init() {}

    public func run() async throws {
        let folder = dir ?? "vestige-demo-\(Self.timestamp())"
        if fileExists(folder + "/archive.sqlite") {
            throw ValidationError("\(folder) already holds an archive; give a new --dir.")
        }
        let dataDirectory: String
        do {
            dataDirectory = try data ?? SamplePlatform.defaultDataDirectory()
        } catch {
            throw ValidationError("\(error) — pass --data with the path of vestige's Samples folder.")
        }
        let platform = try SamplePlatform(dataDirectory: dataDirectory, dataSet: full ? .full : .small, rateLimit: nil)
        let port = try await platform.start()
        let base = "http://127.0.0.1:\(port)/"
        Self.say("1/4 sample platform serving \(platform.summary.publicPosts) public posts at \(base)")

        Self.say("2/4 crawling it into \(folder) (robots.txt obeyed; no delay: it is our own loopback server)")
        guard let seed = CrawlURL(base) else { throw CLIError("internal: bad seed \(base)") }
        var crawl = CrawlConfiguration(
            seeds: [seed], scope: CrawlScope(mode: .host, seeds: [seed]),
            userAgent: CrawlConfiguration.defaultUserAgent(version: VersionCommand.vestigeVersion, contact: "demo"))
        crawl.perHostDelay = 0
        crawl.concurrency = 8
        crawl.perHostConcurrency = 8
        let session = try CrawlSession(
            configuration: crawl, layout: ArchiveLayout(directory: folder), logPath: nil, quiet: false)
        let outcome = try await session.run()
        await platform.stop()
        if outcome.interrupted { throw ExitCode(130) }

        let layout = ArchiveLayout(directory: folder)
        let counts = try ArchiveDatabase(path: layout.databasePath).read { db in
            try ["posts", "pages", "media", "media WHERE latitude IS NOT NULL AND null_island = 0"].map {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? 0
            }
        }
        Self.say(
            "3/4 the crawl indexed what it archived: \(counts[0]) posts (platform adapters), \(counts[1]) pages, "
                + "\(counts[2]) media files (\(counts[3]) with a place from their headers)")

        Self.say("4/4 example searches")
        let examples: [(String, [String])] = [
            ("a word in posts (diacritics folded: 'uber' finds 'über')", ["uber", "--kind", "post", "--limit", "3"]),
            (
                "a place: media filmed or photographed within 2 km of Arezzo",
                ["--near", "43.467,11.885", "--radius-km", "2", "--kind", "media", "--limit", "3"]
            ),
            (
                "a time window: media captured in October 2008 (UTC)",
                ["--since", "2008-10-01", "--until", "2008-11-01", "--kind", "media", "--limit", "3"]
            ),
        ]
        for (title, arguments) in examples {
            Self.say("\n$ vestige search --archive \(folder) \(arguments.joined(separator: " "))    # \(title)")
            let search = try SearchCommand.parse(["--archive", folder] + arguments)
            try search.run()
        }
        Self.say(
            """

            The archive is in \(folder): WARC files in \(folder)/warc, the index in \(folder)/archive.sqlite.
            Try next:
              vestige search --archive \(folder) --has-gps --format geojson > places.geojson
              vestige verify --archive \(folder)      (also checks manifest.sha256 and its hash chain)
              vestige report --archive \(folder)
              vestige export --archive \(folder) --format wacz --output demo.wacz
              vestige extract --json -r Samples/media
              vestige sample-platform --small     (then crawl it yourself: vestige crawl --archive DIR URL)
            """)
    }

    static func say(_ text: String) {
        var output = StandardStream.output
        output.write(text + "\n")
        output.flush()
    }

    static func timestamp() -> String {
        String(UTCClock.isoNow().prefix(19)).replacing("-", with: "").replacing(":", with: "").replacing("T", with: "-")
    }
}
