import ArchiveIndex
import Crawling
import Foundation
import GRDB
import Synchronization
import TestHTTPServer
import Testing
import WARC

/// Crawls of loopback servers that misbehave in the ways the issue lists (the ones
/// `CrawlerIntegrationTests` does not already cover): every URL ends archived, retried or failed
/// with a reason, the crawl finishes, every WARC file verifies and the host is never asked
/// faster than its politeness delay.
@Suite(.serialized) struct HostileServerTests {
    /// One URL's end state in the frontier.
    struct Outcome {
        var state: String
        var reason: String?
        var attempts: Int
    }

    /// What a crawl left.
    struct Result {
        var layout: ArchiveLayout
        var statistics: CrawlStatistics
        var events: [CrawlEvent]
        var outcomes: [String: Outcome]
        /// captures: url → (status, WARC file, offset)
        var captures: [String: [(Int?, String, Int64)]]

        func record(_ url: String) throws -> WARCRecord? {
            guard let capture = captures[url]?.first else { return nil }
            return try WARCReader.record(at: capture.2, in: layout.warcPath(capture.1)).record
        }

        /// Problems WARCVerifier finds in every WARC file of the archive.
        func verifierProblems() throws -> [WARCVerifier.Problem] {
            try FileManager.default.contentsOfDirectory(atPath: layout.warcDirectory).sorted().flatMap {
                WARCVerifier.verify(path: layout.warcPath($0)).problems
            }
        }
    }

    static func crawl(
        _ seeds: [String], configure: (inout CrawlConfiguration) -> Void = { _ in }
    ) async throws -> Result {
        let layout = CrawlerIntegrationTests.temporaryArchive()
        let urls = try seeds.map { try #require(CrawlURL($0)) }
        var configuration = CrawlConfiguration(
            seeds: urls, scope: CrawlScope(mode: .host, seeds: urls), userAgent: "vestige-test (+mailto:t@example.org)")
        configuration.perHostDelay = 0.1
        configuration.perHostConcurrency = 1
        configuration.concurrency = 4
        configuration.maxAttempts = 2
        configuration.connectTimeout = 5
        configuration.totalTimeout = 20
        configure(&configuration)
        let events = Mutex<[CrawlEvent]>([])
        let crawler = try Crawler(configuration: configuration, layout: layout, software: "vestige/test") { event in
            events.withLock { $0.append(event) }
        }
        let statistics = try await crawler.run()
        let database = try ArchiveDatabase(path: layout.databasePath)
        let (outcomes, captures) = try await database.writer.read { db in
            var outcomes: [String: Outcome] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT url, state, reason, attempts FROM frontier") {
                outcomes[row["url"]] = Outcome(state: row["state"], reason: row["reason"], attempts: row["attempts"])
            }
            var captures: [String: [(Int?, String, Int64)]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT url, status, warc_file, warc_offset FROM captures") {
                captures[row["url"], default: []].append((row["status"], row["warc_file"], row["warc_offset"]))
            }
            return (outcomes, captures)
        }
        return Result(
            layout: layout, statistics: statistics, events: events.withLock { $0 }, outcomes: outcomes,
            captures: captures)
    }

    /// An HTTP-date `seconds` from now (RFC 9110 IMF-fixdate).
    static func httpDate(secondsFromNow seconds: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: Date().addingTimeInterval(seconds))
    }

    /// Request arrivals to the server never closer than the politeness delay, less `slack` for
    /// connection set-up and scheduling (arrival is when the head was in, not when the fetch started).
    static func expectPolite(_ server: TestHTTPServer, delay: Duration, slack: Duration) {
        let requests = server.requests.sorted { $0.arrival < $1.arrival }
        for (earlier, later) in zip(requests, requests.dropFirst()) {
            #expect(
                later.arrival - earlier.arrival >= delay - slack,
                "\(earlier.target) and \(later.target) arrived \(later.arrival - earlier.arrival) apart")
        }
    }

    @Test func misbehavingServerLeavesEveryURLInAClearState() async throws {
        let server = TestHTTPServer()
        let busyCalls = LockedCounter()
        let dateCalls = LockedCounter()
        let links = [
            "/busy503", "/date429", "/always503", "/reset-mid-body", "/chunked-cut", "/slowloris", "/chain/0",
            "/cl-short", "/bad-utf8", "/mislabelled", "/cal?month=2026-11",
        ]
        server.route("/robots.txt", reply: .text("User-agent: *\nAllow: /\n"))
        server.route("/", reply: CrawlerIntegrationTests.html(links))
        // 503 without Retry-After, then fine: retried after the backoff.
        server.route("/busy503") { _ in busyCalls.increment() == 1 ? .status(503) : .text("busy, then fine") }
        // 429 with an HTTP-date Retry-After two seconds ahead: the host waits until then.
        server.route("/date429") { _ in
            dateCalls.increment() == 1 ? .status(429, retryAfter: Self.httpDate(secondsFromNow: 2)) : .text("later")
        }
        server.route("/always503", reply: .status(503, retryAfter: "1"))
        server.route("/reset-mid-body", reply: .resetAfter(300))
        server.route(
            "/chunked-cut",
            reply: .raw(
                Array(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n10\r\n0123"
                        .utf8)))
        server.route(
            "/slowloris",
            reply: .trickle(bytesPerSecond: 40, headersFirst: true, reply: .text(String(repeating: "z", count: 2000))))
        // A redirect chain longer than maxRedirects (10).
        server.fallback { request in
            guard request.path.hasPrefix("/chain/"), let step = Int(request.path.dropFirst("/chain/".count)) else {
                return .text("not found\n", status: 404)
            }
            return .redirect(to: "/chain/\(step + 1)", status: 302)
        }
        // Content-Length smaller than the body, head and body in two writes: the extra bytes must not
        // become the next response on the kept-alive connection (ContentLengthLieTests has the details).
        server.route(
            "/cl-short",
            reply: .response(
                status: 200, headers: [("Content-Type", "text/plain"), ("Content-Length", "5")],
                body: Array("12345HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nfake".utf8)))
        // Invalid UTF-8 in a page labelled UTF-8, and a Latin-1 page labelled UTF-8 whose meta says Shift_JIS.
        server.route(
            "/bad-utf8",
            reply: .response(
                status: 200, headers: [("Content-Type", "text/html; charset=utf-8")],
                body: Array("<html><body><p>caf".utf8) + [0xE9, 0xFF, 0xC3, 0x28, 0xF0, 0x9F]
                    + Array("</p><a href=\"/after-bad-utf8\">next</a></body></html>".utf8)))
        server.route(
            "/mislabelled",
            reply: .response(
                status: 200, headers: [("Content-Type", "text/html; charset=utf-8")],
                body: Array("<html><head><meta charset=\"shift_jis\"></head><body>d".utf8) + [0xE9, 0x6A, 0xE0]
                    + Array(" vu <a href=\"/after-mislabelled\">x</a></body></html>".utf8)))
        server.route("/after-bad-utf8", reply: .text("found past invalid UTF-8"))
        server.route("/after-mislabelled", reply: .text("found past a wrong charset"))
        // An endless calendar: every month links to the next and the previous one.
        server.route("/cal") { request in
            let month = request.target.split(separator: "=").last.map(String.init) ?? "2026-11"
            let parts = month.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2 else { return .text("bad month", status: 404) }
            let next = parts[1] == 12 ? (parts[0] + 1, 1) : (parts[0], parts[1] + 1)
            let previous = parts[1] == 1 ? (parts[0] - 1, 12) : (parts[0], parts[1] - 1)
            func link(_ month: (Int, Int)) -> String {
                "/cal?month=\(month.0)-" + (month.1 < 10 ? "0" : "") + "\(month.1)"
            }
            return CrawlerIntegrationTests.html([link(previous), link(next)])
        }
        _ = try server.start()
        defer { server.stop() }

        let started = ContinuousClock.now
        let result = try await Self.crawl([server.url("/")]) { configuration in
            configuration.perHostDelay = 0.2
            configuration.lowSpeedLimit = 1000
            configuration.lowSpeedTime = 1
            configuration.maxRetryAfter = 5
            configuration.scope.maxDepth = 1000
            configuration.scope.calendarYears = 2026...2026
        }
        defer { try? FileManager.default.removeItem(atPath: result.layout.directory) }
        #expect(ContinuousClock.now - started < .seconds(60))

        // Nothing is left in flight, queued or waiting for a retry.
        for (url, outcome) in result.outcomes {
            #expect(["done", "failed", "excluded"].contains(outcome.state), "\(url) ended \(outcome.state)")
            if outcome.state == "failed" { #expect(outcome.reason?.isEmpty == false, "\(url) failed without a reason") }
        }
        func status(_ path: String) -> Int? { result.captures[server.url(path)]?.first?.0 ?? nil }
        for (url, rows) in result.captures { #expect(rows.count == 1, "\(url) archived \(rows.count) times") }

        // 503 without Retry-After: retried once after the backoff, then archived.
        #expect(status("/busy503") == 200)
        #expect(server.requests(path: "/busy503").count == 2)
        // 429 with an HTTP-date: the second request came no earlier than the date (1 s resolution).
        #expect(status("/date429") == 200)
        let dated = server.requests(path: "/date429").map(\.arrival)
        #expect(dated.count == 2)
        if dated.count == 2 { #expect(dated[1] - dated[0] >= .milliseconds(900)) }
        // Always 503: tried maxAttempts times, then the last answer is the evidence.
        #expect(status("/always503") == 503)
        #expect(server.requests(path: "/always503").count == 2)
        // Reset mid-body, cut chunked encoding, slowloris: tried twice, then archived as truncated or failed
        // with the reason.
        for path in ["/reset-mid-body", "/chunked-cut", "/slowloris"] {
            let url = server.url(path)
            #expect(
                server.requests(path: path).count == 2, "\(path) requested \(server.requests(path: path).count) times")
            if let record = try result.record(url) {
                #expect(record.headers["WARC-Truncated"] != nil, "\(path) archived without WARC-Truncated")
            } else {
                #expect(result.outcomes[url]?.state == "failed", "\(path): \(String(describing: result.outcomes[url]))")
            }
        }
        #expect(try result.record(server.url("/slowloris"))?.headers["WARC-Truncated"] == "time")
        // The redirect chain stops after maxRedirects hops, with an event saying so.
        #expect(server.requests(path: "/chain/10").count == 1)
        #expect(server.requests(path: "/chain/11").isEmpty)
        #expect(result.events.contains { $0.kind == .failed && $0.reason == "redirect chain too long" })
        // Content-Length lie: exactly the announced bytes are the body, and the rest did not poison the
        // connection (no capture of the fake response).
        let short = try #require(try result.record(server.url("/cl-short")))
        #expect(HTTPResponseBlock(parsing: short.block).map { Array($0.payload) } == Array("12345".utf8))
        for url in result.captures.keys {
            let payload = try result.record(url).flatMap { HTTPResponseBlock(parsing: $0.block) }.map {
                Array($0.payload)
            }
            #expect(payload != Array("fake".utf8), "\(url) was answered with the bytes /cl-short sent too many")
        }
        // Invalid and mislabelled text does not hide the links after it.
        #expect(status("/after-bad-utf8") == 200)
        #expect(status("/after-mislabelled") == 200)
        // The calendar stays within the allowed years; the step out is excluded as a trap.
        let months = server.requests(path: "/cal").count
        #expect(months <= 12, "\(months) calendar pages fetched")
        #expect(result.events.contains { $0.kind == .excluded && ($0.reason ?? "").contains("calendar date") })

        #expect(try result.verifierProblems().isEmpty)
        Self.expectPolite(server, delay: .milliseconds(200), slack: .milliseconds(80))
    }

    @Test func unresolvableHostFailsWithItsReasonWithoutTheNetwork() async throws {
        // A 64-character label is longer than DNS allows (63): the resolver refuses it locally, so
        // the test sends no query to any name server (a `.invalid` name would reach the configured one).
        let host = String(repeating: "a", count: 64) + ".invalid"
        let url = "http://\(host)/"
        let result = try await Self.crawl([url]) { $0.ignoreRobots = true }
        defer { try? FileManager.default.removeItem(atPath: result.layout.directory) }
        let outcome = try #require(result.outcomes[url])
        #expect(outcome.state == "failed")
        #expect(outcome.reason?.hasPrefix("DNS failure") == true, "\(String(describing: outcome.reason))")
        #expect(outcome.attempts == 2)
        #expect(result.captures.isEmpty)
        #expect(try result.verifierProblems().isEmpty)
    }

    @Test func gzipBombBodyIsArchivedAsSentAndDecodedWithinTheCap() async throws {
        // 2 GiB of zeros in about 2 MB, sent as an HTML page with Content-Encoding: gzip.
        let bomb = try #require(GzipBomb.zeros(mebibytes: 2048))
        #expect(bomb.count < 4 << 20)
        let start = ContinuousClock.now
        let decoded = try #require(HTTPContentDecoder.decode(bomb, contentEncoding: "gzip", limit: 8 << 20))
        #expect(decoded.count == 8 << 20)
        #expect(ContinuousClock.now - start < .seconds(5))

        let server = TestHTTPServer()
        server.route("/robots.txt", reply: .text("", status: 404))
        server.route("/", reply: CrawlerIntegrationTests.html(["/bomb", "/after"]))
        server.route(
            "/bomb",
            reply: .response(
                status: 200, headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], body: bomb))
        server.route("/after", reply: .text("still crawling"))
        _ = try server.start()
        defer { server.stop() }
        let peakBefore = Self.peakResidentBytes()
        let crawlStart = ContinuousClock.now
        let result = try await Self.crawl([server.url("/")])
        defer { try? FileManager.default.removeItem(atPath: result.layout.directory) }
        #expect(ContinuousClock.now - crawlStart < .seconds(30))
        // Link extraction decodes at most 64 MiB of it: the process never grew by gigabytes.
        #expect(Self.peakResidentBytes() - peakBefore < 512 << 20)
        let record = try #require(try result.record(server.url("/bomb")))
        #expect(HTTPResponseBlock(parsing: record.block).map { Array($0.payload) } == bomb)
        #expect(result.captures[server.url("/after")]?.first?.0 == 200)
        #expect(try result.verifierProblems().isEmpty)
    }

    /// The process's peak resident set size so far.
    static func peakResidentBytes() -> Int {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        return usage.ru_maxrss * 1024
    }
}
