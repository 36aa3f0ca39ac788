import ArchiveIndex
import Crawling
import Foundation
import GRDB
import TestHTTPServer
import Testing
import WARC

/// `vestige crawl` killed with SIGKILL at random moments, then run to the end: every page is
/// archived exactly once as a 200 response and `vestige verify` is clean.
@Suite(.serialized) struct CrashRecoveryTests {
    static let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/debug/vestige").path

    static func run(_ arguments: [String], killAfter: Double? = nil) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        if let killAfter {
            Thread.sleep(forTimeInterval: killAfter)
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test(
        .enabled(if: FileManager.default.isExecutableFile(atPath: binary), "needs .build/debug/vestige (swift build)"))
    func killedCrawlsResumeWithoutLossOrDuplicates() throws {
        let pages = 200
        let server = TestHTTPServer()
        server.route("/robots.txt", reply: .text("User-agent: *\nAllow: /\n"))
        server.route("/", reply: CrawlerIntegrationTests.html((0..<pages).map { "/p/\($0)" }))
        server.fallback { request in
            // Small pages, each a little slow, so that kills land mid-crawl.
            .delay(0.01, then: .text(String(repeating: "page \(request.path) ", count: 200)))
        }
        _ = try server.start()
        defer { server.stop() }
        let archive = FileManager.default.temporaryDirectory.appendingPathComponent("vestige-kill-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: archive) }
        let arguments = [
            "crawl", "--archive", archive, server.url("/"), "--per-host-delay", "0", "--concurrency", "8",
            "--per-host-concurrency", "8", "--quiet",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<8 {
            _ = try Self.run(arguments, killAfter: Double.random(in: 0.05...0.4, using: &generator))
        }
        #expect(try Self.run(arguments) == 0)

        let layout = ArchiveLayout(directory: archive)
        let database = try ArchiveDatabase(path: layout.databasePath)
        let rows = try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT url, record_type, status FROM captures WHERE url LIKE '%/p/%'")
        }
        let byURL = Dictionary(grouping: rows) { $0["url"] as String }
        #expect(byURL.count == pages, "pages archived: \(byURL.count) of \(pages)")
        for (url, captures) in byURL {
            #expect(captures.count == 1, "\(url) archived \(captures.count) times")
            #expect(captures.first?["status"] == 200)
        }
        #expect(try Self.run(["verify", "--archive", archive]) == 0, "verify found problems after the kills")
    }
}
