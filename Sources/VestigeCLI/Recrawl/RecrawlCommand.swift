import ArchiveIndex
public import ArgumentParser
import Crawling
import Foundation
import GRDB

/// `vestige recrawl`: visit what the archive holds again and record what changed.
public struct RecrawlCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "recrawl",
        abstract: "Visit archived posts again; record edits, deletions and what stayed the same.",
        discussion: """
            Fetches again, under the same politeness rules as crawl, every URL the archive holds \
            (with --only-posts: the URLs posts were read from and the posts' own pages), writes \
            the answers to new WARC records and re-indexes. Per post:
              unchanged  the same bytes again: a revisit record points at the earlier capture;
              edited     the same adapter read a different post: the earlier text is kept in \
            post_versions (vestige search --history shows them), the post shows the new one;
              deleted    its own URL now answers 404 or 410, or the platform marks it removed \
            (an account gone answers 410 for all its posts): deleted_at is set, the last archived \
            version stays searchable (vestige search --deleted).

            Examples:
              vestige recrawl --archive ./p --only-posts --contact mailto:you@example.org
              vestige recrawl --archive ./p --since-last 7     (posts not seen for a week)
            """)

    @OptionGroup var archiveOptions: ArchiveOptions
    @OptionGroup var platformOptions: PlatformOptions

    @Option(help: ArgumentHelp("Only posts last seen at least this many days ago.", valueName: "days"))
    var sinceLast: Double?

    @Flag(help: "Only the URLs posts were read from and the posts' own pages (not every archived URL).")
    var onlyPosts = false

    @OptionGroup var politeness: PolitenessOptions

    @Flag(help: "No progress line.")
    var quiet = false

    public init() {}

    public func validate() throws {
        if let sinceLast, sinceLast < 0 { throw ValidationError("--since-last cannot be negative.") }
    }

    /// What a recrawl found.
    struct Changes: Equatable {
        var revisited = 0
        var unchanged = 0
        var edited = 0
        var deleted = 0
    }

    public func run() async throws {
        let layout = archiveOptions.layout
        guard FileManager.default.fileExists(atPath: layout.databasePath) else {
            throw ValidationError("No archive at \(layout.directory): crawl or import into it first.")
        }
        let adapters = try platformOptions.adapterSet(archive: layout.directory)
        // The crawl's own settings (contact, politeness) from DIR/vestige.toml, unless given here.
        let settings: CrawlConfigFile
        do {
            settings = try CrawlConfigFile.load(path: layout.configPath) ?? CrawlConfigFile()
        } catch {
            throw ValidationError(error.description)
        }
        let database = try ArchiveDatabase(path: layout.databasePath)
        let urls = try Self.targets(database, onlyPosts: onlyPosts, sinceLast: sinceLast).compactMap { CrawlURL($0) }
        guard !urls.isEmpty else {
            StandardStream.writeError("vestige: nothing to recrawl in \(layout.directory)\n")
            return
        }
        // A second early: WARC dates carry fractions, which sort before a whole second's "Z".
        let sessionStart = Timestamp(seconds: Int64(Date().timeIntervalSince1970) - 1).utcText
        let versionsBefore = try Self.fetchOne(database, "SELECT max(id) FROM post_versions") ?? 0
        try Frontier(database: database).requeue(urls)
        var configuration = CrawlConfiguration(
            seeds: [], scope: CrawlScope(mode: .host, seeds: urls, maxDepth: 0),
            userAgent: politeness.userAgent(settings))
        try politeness.apply(to: &configuration, settings: settings)
        configuration.adapters = adapters
        let session = try CrawlSession(configuration: configuration, layout: layout, logPath: nil, quiet: quiet)
        // The session indexes the files it wrote (edits become post_versions) before it returns.
        let outcome = try await session.run()
        let changes = try Self.markGone(database, since: sessionStart, versionsBefore: versionsBefore)
        var output = StandardStream.output
        output.write(
            "recrawl: \(changes.revisited) URLs fetched again: \(changes.unchanged) unchanged, \(changes.edited) posts edited, \(changes.deleted) posts deleted\n"
        )
        output.flush()
        try database.checkpoint()
        if outcome.interrupted { throw ExitCode(130) }
    }

    static func fetchOne(_ database: ArchiveDatabase, _ sql: String) throws -> Int64? {
        try database.read { try Int64.fetchOne($0, sql: sql) }
    }

    /// The URLs to visit again.
    static func targets(_ database: ArchiveDatabase, onlyPosts: Bool, sinceLast days: Double?) throws -> [String] {
        let cutoff = days.map { Timestamp(seconds: Int64(Date().timeIntervalSince1970 - $0 * 86_400)).utcText }
        return try database.read { db in
            let seen = cutoff == nil ? "" : "AND (p.seen_at IS NULL OR p.seen_at <= ?)"
            let arguments: StatementArguments = cutoff.map { [$0, $0] } ?? []
            var urls = try String.fetchAll(
                db,
                sql: """
                    SELECT c.url FROM posts p JOIN captures c ON c.record_id = p.record_id
                    WHERE p.deleted_at IS NULL \(seen)
                    UNION SELECT p.url FROM posts p WHERE p.url IS NOT NULL AND p.deleted_at IS NULL \(seen)
                    """, arguments: arguments)
            if !onlyPosts && cutoff == nil {
                urls += try String.fetchAll(db, sql: "SELECT url FROM frontier WHERE state = 'done'")
            }
            var seenURLs = Set<String>()
            return urls.filter { seenURLs.insert($0).inserted }.sorted()
        }
    }

    /// Posts whose own URL (or the URL they were read from, when it held only them) answered
    /// 404 or 410 in this session are deleted; counts what the session changed.
    static func markGone(_ database: ArchiveDatabase, since start: String, versionsBefore: Int64) throws -> Changes {
        try database.writer.write { db in
            // From the URLs that answered 404/410 in this session to the posts they stood for.
            try db.execute(
                sql: """
                    WITH gone AS (
                        SELECT url, min(fetched_at) AS at FROM captures
                        WHERE status IN (404, 410) AND fetched_at >= ? GROUP BY url),
                    hit AS (
                        SELECT p.id, gone.at FROM gone JOIN posts p ON p.url = gone.url
                        UNION ALL
                        SELECT p.id, gone.at FROM gone JOIN captures c ON c.url = gone.url
                        JOIN posts p ON p.record_id = c.record_id
                        WHERE (SELECT count(*) FROM posts q WHERE q.record_id = p.record_id) = 1)
                    UPDATE posts SET deleted_at = (SELECT min(at) FROM hit WHERE hit.id = posts.id)
                    WHERE deleted_at IS NULL AND id IN (SELECT id FROM hit)
                    """, arguments: [start])
            var changes = Changes()
            changes.revisited =
                try Int.fetchOne(
                    db, sql: "SELECT count(DISTINCT url) FROM captures WHERE fetched_at >= ?", arguments: [start])
                ?? 0
            changes.unchanged =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM captures WHERE fetched_at >= ? AND record_type = 'revisit'",
                    arguments: [start]) ?? 0
            changes.edited =
                try Int.fetchOne(
                    db, sql: "SELECT count(DISTINCT post_id) FROM post_versions WHERE id > ?",
                    arguments: [versionsBefore])
                ?? 0
            changes.deleted =
                try Int.fetchOne(db, sql: "SELECT count(*) FROM posts WHERE deleted_at >= ?", arguments: [start]) ?? 0
            return changes
        }
    }
}
