import ArchiveIndex
import Crawling
import Foundation
import GRDB
import Synchronization
import TestHTTPServer
import Testing
import WARC

/// Crawls of a loopback site with every kind of trouble, asserting exactly what was archived.
@Suite(.serialized) struct CrawlerIntegrationTests {
    static func temporaryArchive() -> ArchiveLayout {
        ArchiveLayout(
            directory: FileManager.default.temporaryDirectory.appendingPathComponent(
                "vestige-crawl-\(UUID().uuidString)"
            )
            .path)
    }

    static func html(_ links: [String]) -> Reply {
        .response(
            status: 200, headers: [("Content-Type", "text/html; charset=utf-8")],
            body: Array(("<html><body>" + links.map { "<a href=\"\($0)\">\($0)</a>" }.joined() + "</body></html>").utf8)
        )
    }

    /// Crawls `server` from "/" (host scope, no per-host delay) into `layout`, with `adjust`
    /// applied to the configuration first.
    static func crawlSite(
        _ server: TestHTTPServer, into layout: ArchiveLayout, adjust: (inout CrawlConfiguration) -> Void = { _ in }
    ) async throws -> CrawlStatistics {
        let seed = try #require(CrawlURL(server.url("/")))
        var configuration = CrawlConfiguration(
            seeds: [seed], scope: CrawlScope(mode: .host, seeds: [seed]), userAgent: "vestige-test")
        configuration.perHostDelay = 0
        adjust(&configuration)
        return try await Crawler(configuration: configuration, layout: layout, software: "vestige/test").run()
    }

    /// captures rows: url → [(record type, status, file, offset)]
    static func captures(_ layout: ArchiveLayout) throws -> [String: [(String, Int?, String, Int64)]] {
        let database = try ArchiveDatabase(path: layout.databasePath)
        return try database.writer.read { db in
            var result: [String: [(String, Int?, String, Int64)]] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT url, record_type, status, warc_file, warc_offset FROM captures")
            {
                result[row["url"], default: []].append(
                    (row["record_type"], row["status"], row["warc_file"], row["warc_offset"]))
            }
            return result
        }
    }

    @Test func archivesASiteWithTrouble() async throws {
        let server = TestHTTPServer()
        let limitedCalls = LockedCounter()
        server.route("/robots.txt", reply: .text("User-agent: *\nDisallow: /private/\n"))
        server.route(
            "/",
            reply: Self.html([
                "/a", "/b", "/redirect", "/missing", "/private/secret", "/limited", "/slow", "/huge", "/loop1", "/cut",
                "http://example.invalid/outside", "/a#again",
            ]))
        server.route("/a", reply: Self.html(["/c", "/img.jpg"]))
        server.route("/b", reply: Self.html(["/a"]))
        server.route("/c", reply: .text("leaf c"))
        server.route("/d", reply: .text("leaf d"))
        server.route("/redirect", reply: .redirect(to: "/d"))
        server.route("/missing", reply: .text("not here", status: 404))
        server.route("/private/secret", reply: .text("secret"))
        server.route("/limited") { _ in
            limitedCalls.increment() == 1 ? .status(429, retryAfter: "1") : .text("finally")
        }
        server.route("/slow", reply: .delay(0.3, then: .text("slow")))
        server.route(
            "/huge", reply: .response(status: 200, body: Array(repeating: UInt8(ascii: "h"), count: 3_000_000)))
        server.route("/cut", reply: .truncate(after: 100))
        server.route("/loop1", reply: .redirect(to: "/loop2", status: 302))
        server.route("/loop2", reply: .redirect(to: "/loop1", status: 302))
        server.route(
            "/img.jpg",
            reply: .response(status: 200, headers: [("Content-Type", "image/jpeg")], body: [0xFF, 0xD8, 0xFF, 0xD9]))
        _ = try server.start()
        defer { server.stop() }

        let layout = Self.temporaryArchive()
        defer { try? FileManager.default.removeItem(atPath: layout.directory) }
        let seed = try #require(CrawlURL(server.url("/")))
        var configuration = CrawlConfiguration(
            seeds: [seed], scope: CrawlScope(mode: .host, seeds: [seed]),
            userAgent: "vestige-test (+mailto:test@example.org)")
        configuration.perHostDelay = 0.1
        configuration.concurrency = 4
        configuration.maxBodyBytes = 1_000_000
        configuration.maxAttempts = 3
        let crawler = try Crawler(configuration: configuration, layout: layout, software: "vestige/test")
        let statistics = try await crawler.run()

        let captures = try Self.captures(layout)
        let expected = [
            "/robots.txt", "/", "/a", "/b", "/c", "/d", "/redirect", "/missing", "/limited", "/slow", "/huge", "/loop1",
            "/loop2", "/img.jpg", "/cut",
        ].map { server.url($0) }
        #expect(Set(captures.keys) == Set(expected))
        for (url, rows) in captures { #expect(rows.count == 1, "\(url) archived \(rows.count) times") }
        #expect(captures[server.url("/redirect")]?.first?.1 == 301)
        #expect(captures[server.url("/missing")]?.first?.1 == 404)
        #expect(captures[server.url("/limited")]?.first?.1 == 200)
        #expect(server.requests(path: "/private/secret").isEmpty, "robots.txt was not obeyed")
        #expect(statistics.robotsExcluded == 1)

        // 429 with Retry-After: 1 → the second request waited at least a second.
        let limited = server.requests(path: "/limited").map(\.arrival)
        #expect(limited.count == 2)
        if limited.count == 2 { #expect(limited[1] - limited[0] >= .milliseconds(950)) }

        // Politeness: request starts to the one host never closer than the delay.
        let arrivals = server.requests.map(\.arrival).sorted()
        for (earlier, later) in zip(arrivals, arrivals.dropFirst()) {
            // Starts are 100 ms apart; arrival adds connection set-up and scheduling jitter, more on a
            // loaded machine. (HostPoliteness's own tests check the starts exactly.)
            #expect(later - earlier >= .milliseconds(70), "requests \(later - earlier) apart")
        }
        #expect(server.requests.allSatisfy { $0.header("User-Agent") == "vestige-test (+mailto:test@example.org)" })

        // The huge body was cut at the cap and the record says so.
        let huge = try #require(captures[server.url("/huge")]?.first)
        let record = try WARCReader.record(at: huge.3, in: layout.warcPath(huge.2)).record
        #expect(record.headers["WARC-Truncated"] == "length")
        // The cut-off response was tried maxAttempts times, then kept with what arrived.
        #expect(server.requests(path: "/cut").count == 3)
        let cut = try #require(captures[server.url("/cut")]?.first)
        #expect(
            try WARCReader.record(at: cut.3, in: layout.warcPath(cut.2)).record.headers["WARC-Truncated"]
                == "disconnect")

        // Every record is sound.
        for file in Set(captures.values.flatMap { $0.map(\.2) }) {
            let report = WARCVerifier.verify(path: layout.warcPath(file))
            #expect(report.problems.isEmpty, "\(report.problems)")
        }

        // A second run finds nothing left to do and archives nothing twice.
        let again = try Crawler(configuration: configuration, layout: layout, software: "vestige/test")
        let second = try await again.run()
        #expect(second.archived == 0)
        #expect(try Self.captures(layout).values.allSatisfy { $0.count == 1 })
    }

    @Test func identicalPayloadsBecomeRevisits() async throws {
        let server = TestHTTPServer()
        server.route("/robots.txt", reply: .text("", status: 404))
        server.route("/", reply: Self.html(["/copy1", "/copy2"]))
        server.route("/copy1", reply: .text("same bytes"))
        server.route("/copy2", reply: .text("same bytes"))
        _ = try server.start()
        defer { server.stop() }
        let layout = Self.temporaryArchive()
        defer { try? FileManager.default.removeItem(atPath: layout.directory) }
        let statistics = try await Self.crawlSite(server, into: layout) { configuration in
            configuration.concurrency = 1
        }
        #expect(statistics.revisits == 1)
        let types = try Self.captures(layout).values.flatMap { $0.map(\.0) }
        #expect(types.filter { $0 == "revisit" }.count == 1)
    }

    /// --max-pages is a hard limit, however many fetches the concurrency would start at once.
    @Test func maxPagesIsNeverExceeded() async throws {
        let server = TestHTTPServer()
        server.route("/robots.txt", reply: .text("", status: 404))
        server.route("/", reply: Self.html((0..<40).map { "/p/\($0)" }))
        server.fallback { _ in .text("a page") }
        _ = try server.start()
        defer { server.stop() }
        let layout = Self.temporaryArchive()
        defer { try? FileManager.default.removeItem(atPath: layout.directory) }
        let statistics = try await Self.crawlSite(server, into: layout) { configuration in
            configuration.concurrency = 16
            configuration.perHostConcurrency = 16
            configuration.maxPages = 10
        }
        // robots.txt is archived too and counts: it, the start page and 8 of the 40.
        #expect(statistics.archived == 10)
        #expect(try Self.captures(layout).count == 10)
        #expect(server.requests.filter { $0.path.hasPrefix("/p/") }.count == 8)
    }

    /// The per-host URL cap counts URLs, not links: navigation repeated on every page once.
    @Test func repeatedLinksDoNotUseUpThePerHostCap() async throws {
        let server = TestHTTPServer()
        server.route("/robots.txt", reply: .text("", status: 404))
        let navigation = ["/", "/about", "/contact", "/help", "/terms", "/privacy"]
        server.route("/", reply: Self.html(navigation + ["/p/1"]))
        for page in navigation.dropFirst() { server.route(page, reply: .text("static \(page)")) }
        for number in 1...12 {
            server.route("/p/\(number)", reply: Self.html(navigation + (number < 12 ? ["/p/\(number + 1)"] : [])))
        }
        _ = try server.start()
        defer { server.stop() }
        let layout = Self.temporaryArchive()
        defer { try? FileManager.default.removeItem(atPath: layout.directory) }
        let statistics = try await Self.crawlSite(server, into: layout) { configuration in
            configuration.concurrency = 2
            // 1 + 5 + 12 URLs (+ robots.txt); the pages carry 13 × 7 = 91 links.
            configuration.maxURLsPerHost = 20
        }
        let archived = try Self.captures(layout).keys.filter { !$0.hasSuffix("/robots.txt") }
        #expect(archived.count == 18)
        #expect(archived.contains { $0.hasSuffix("/p/12") })
        #expect(statistics.discovered == 18)
    }
}

extension CrawlerIntegrationTests {
    /// gzip-compresses with the system's gzip (tests only).
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let result = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(result)
    }

    @Test func sitemapsFromRobotsAndFeedsAreSeeds() async throws {
        let server = TestHTTPServer()
        server.route("/robots.txt") { _ in .text("User-agent: *\nAllow: /\nSitemap: \(server.url("/sitemap.xml.gz"))\n")
        }
        server.route("/", reply: .text("no links here"))
        server.route("/only-in-sitemap", reply: .text("found through the sitemap"))
        server.route("/feed.rss") { _ in
            .response(
                status: 200, headers: [("Content-Type", "application/rss+xml")],
                body: Array(
                    "<rss><channel><item><link>\(server.url("/from-feed"))</link><enclosure url=\"/clip.mp4\" type=\"video/mp4\"/></item></channel></rss>"
                        .utf8))
        }
        server.route("/from-feed", reply: .text("found through the feed"))
        server.route(
            "/clip.mp4", reply: .response(status: 200, headers: [("Content-Type", "video/mp4")], body: [0, 0, 0, 8]))
        _ = try server.start()
        defer { server.stop() }
        // The sitemap names absolute URLs, so it is made once the port is known.
        let sitemap = try Self.gzip(
            Array(
                """
                <?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                <url><loc>\(server.url("/only-in-sitemap"))</loc></url><url><loc>\(server.url("/feed.rss"))</loc></url></urlset>
                """.utf8))
        server.route(
            "/sitemap.xml.gz",
            reply: .response(status: 200, headers: [("Content-Type", "application/gzip")], body: sitemap))
        let layout = Self.temporaryArchive()
        defer { try? FileManager.default.removeItem(atPath: layout.directory) }
        _ = try await Self.crawlSite(server, into: layout)
        let captured = Set(try Self.captures(layout).keys)
        for path in ["/sitemap.xml.gz", "/only-in-sitemap", "/feed.rss", "/from-feed", "/clip.mp4"] {
            #expect(captured.contains(server.url(path)), "\(path) not archived")
        }
    }

    @Test func unreachableRobotsTxtDelaysTheSiteInsteadOfExcludingIt() async throws {
        let server = TestHTTPServer()
        let robotsAnswers = Mutex(0)
        server.route("/robots.txt") { _ in
            let count = robotsAnswers.withLock { value -> Int in
                value += 1
                return value
            }
            return count == 1 ? .status(503, retryAfter: nil) : .text("User-agent: *\nDisallow: /private\n")
        }
        server.route("/", reply: Self.html(["/a", "/private"]))
        server.route("/a", reply: .text("a"))
        server.route("/private", reply: .text("secret"))
        _ = try server.start()
        defer { server.stop() }
        let layout = Self.temporaryArchive()
        defer { try? FileManager.default.removeItem(atPath: layout.directory) }
        let statistics = try await Self.crawlSite(server, into: layout) { configuration in
            configuration.robotsRetryDelay = 0.3
        }
        // The 503 held the site back; the second robots.txt allowed / and /a, and excluded /private.
        #expect(robotsAnswers.withLock { $0 } == 2)
        let archived = try Self.captures(layout)
        #expect(archived[server.url("/")] != nil)
        #expect(archived[server.url("/a")] != nil)
        #expect(archived[server.url("/private")] == nil)
        #expect(server.requests(path: "/private").isEmpty)
        #expect(statistics.robotsExcluded == 1)
        #expect(statistics.retries >= 1)
    }
}

/// A counter shared with server handlers.
final class LockedCounter: Sendable {
    private let value = Mutex(0)
    /// Adds one and returns the new count.
    func increment() -> Int {
        value.withLock {
            $0 += 1; return $0
        }
    }
}
