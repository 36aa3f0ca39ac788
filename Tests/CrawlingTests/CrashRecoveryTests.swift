import ArchiveIndex
import Crawling
import Foundation
import GRDB
import Synchronization
import TestHTTPServer
import Testing
import WARC

/// The `vestige` binary killed with SIGKILL at random moments — during crawl, import and reindex
/// — or stopped by a full disk, then run to the end: every page is archived exactly once as a
/// 200 response, `vestige verify` is clean and archive.sqlite agrees with the WARC files.
@Suite(.serialized) struct CrashRecoveryTests {
    static let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/debug/vestige").path

    static let prlimit = ["/usr/bin/prlimit", "/bin/prlimit"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs `executable` (vestige by default) to the end, or kills it with SIGKILL after `killAfter`
    /// seconds; returns its exit status (the signal number when killed) and what it wrote to stderr.
    @discardableResult
    static func run(_ arguments: [String], executable: String = binary, killAfter: Double? = nil) throws -> (
        status: Int32, errors: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        if let killAfter {
            Thread.sleep(forTimeInterval: killAfter)
            kill(process.processIdentifier, SIGKILL)
        }
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    /// Seconds `work` takes.
    static func timed(_ work: () throws -> Void) throws -> Double {
        let start = ContinuousClock.now
        try work()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// A server with `pages` pages linked from "/", each a little slow so that kills land mid-crawl.
    static func site(pages: Int, body: @escaping @Sendable (String) -> Reply) throws -> TestHTTPServer {
        let server = TestHTTPServer()
        server.route("/robots.txt", reply: .text("User-agent: *\nAllow: /\n"))
        server.route("/", reply: CrawlerIntegrationTests.html((0..<pages).map { "/p/\($0)" }))
        server.fallback { request in .delay(0.01, then: body(request.path)) }
        _ = try server.start()
        return server
    }

    static func crawlArguments(_ archive: String, _ server: TestHTTPServer) -> [String] {
        [
            "crawl", "--archive", archive, server.url("/"), "--per-host-delay", "0", "--concurrency", "8",
            "--per-host-concurrency", "8", "--quiet",
        ]
    }

    /// Every page archived exactly once, as a 200.
    static func expectEachPageOnce(_ archive: String, pages: Int) throws {
        let database = try ArchiveDatabase(path: ArchiveLayout(directory: archive).databasePath)
        let rows = try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT url, record_type, status FROM captures WHERE url LIKE '%/p/%'")
        }
        let byURL = Dictionary(grouping: rows) { $0["url"] as String }
        #expect(byURL.count == pages, "pages archived: \(byURL.count) of \(pages)")
        for (url, captures) in byURL {
            #expect(captures.count == 1, "\(url) archived \(captures.count) times")
            #expect(captures.first?["status"] == 200)
        }
    }

    /// The response and revisit records of the WARC files in `warcFolder`: record id → (path, offset).
    static func responseRecords(in warcFolder: String) throws -> [String: (String, Int64)] {
        var records: [String: (String, Int64)] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: warcFolder) where name.hasSuffix(".warc.gz") {
            let path = warcFolder + "/" + name
            let reader = try WARCReader(path: path)
            while let entry = try reader.next() {
                guard let type = entry.record.typeName, type == "response" || type == "revisit",
                    let id = entry.record.recordID
                else { continue }
                #expect(records[id] == nil, "record \(id) is in the WARC files twice")
                records[id] = (path, entry.offset)
            }
        }
        return records
    }

    /// archive.sqlite of `archive` holds one capture per response record of `warcFolder`, each
    /// pointing at its record, and SQLite and the full-text indexes pass their integrity checks.
    static func expectIndexMatches(_ archive: String, warcFolder: String) throws {
        let records = try responseRecords(in: warcFolder)
        let database = try ArchiveDatabase(path: ArchiveLayout(directory: archive).databasePath)
        let captures = try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT record_id, warc_file, warc_offset FROM captures")
        }
        #expect(captures.count == records.count, "\(captures.count) captures for \(records.count) records")
        for capture in captures {
            let id: String = capture["record_id"]
            let file: String = capture["warc_file"]
            let path = file.hasPrefix("/") ? file : warcFolder + "/" + file
            let record = records[id]
            #expect(record?.0 == path && record?.1 == capture["warc_offset"], "capture \(id) points elsewhere")
        }
        try database.writer.write { db in
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
            try db.execute(sql: "INSERT INTO pages_fts(pages_fts) VALUES('integrity-check')")
            try db.execute(sql: "INSERT INTO posts_fts(posts_fts) VALUES('integrity-check')")
        }
    }

    @Test(
        .enabled(if: FileManager.default.isExecutableFile(atPath: binary), "needs .build/debug/vestige (swift build)"))
    func killedCrawlImportAndReindexResumeCleanly() throws {
        let pages = 150
        let server = try Self.site(pages: pages) { path in
            .response(
                status: 200, headers: [("Content-Type", "text/html")],
                body: Array(
                    "<html><title>\(path)</title><body>\(String(repeating: "page \(path) ", count: 200))</body></html>"
                        .utf8))
        }
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vestige-kill-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let archive = folder + "/crawled"
        let imported = folder + "/imported"
        let warcFolder = ArchiveLayout(directory: archive).warcDirectory
        var generator = SystemRandomNumberGenerator()

        // 12 kills during the crawl, then a run to the end.
        let arguments = Self.crawlArguments(archive, server)
        for _ in 0..<12 {
            try Self.run(arguments, killAfter: Double.random(in: 0.05...0.5, using: &generator))
        }
        #expect(try Self.run(arguments).status == 0)
        try Self.expectEachPageOnce(archive, pages: pages)

        // 4 kills while importing those WARC files into a second archive, then an import to the end.
        let warcs = try FileManager.default.contentsOfDirectory(atPath: warcFolder).filter { $0.hasSuffix(".warc.gz") }
            .sorted().map { warcFolder + "/" + $0 }
        // Kills land within the time a whole run takes here (measured on a scratch archive), so
        // that they interrupt the work however fast this machine is.
        let importTime = try Self.timed { _ = try Self.run(["import", "--archive", folder + "/timing"] + warcs) }
        var killedImports = 0
        for _ in 0..<4 {
            let run = try Self.run(
                ["import", "--archive", imported] + warcs,
                killAfter: importTime * Double.random(in: 0.1...0.8, using: &generator))
            if run.status == SIGKILL { killedImports += 1 }
        }
        #expect(killedImports >= 2, "only \(killedImports) of 4 imports were killed before they finished")
        #expect(try Self.run(["import", "--archive", imported] + warcs).status == 0)

        // 4 kills while reindexing the crawled archive, then a reindex to the end.
        // (A whole reindex first, to time it: each reindex rebuilds the index from the WARCs.)
        let reindexTime = try Self.timed { _ = try Self.run(["reindex", "--archive", archive]) }
        var killedReindexes = 0
        for _ in 0..<4 {
            let run = try Self.run(
                ["reindex", "--archive", archive],
                killAfter: reindexTime * Double.random(in: 0.1...0.8, using: &generator))
            if run.status == SIGKILL { killedReindexes += 1 }
        }
        #expect(killedReindexes >= 2, "only \(killedReindexes) of 4 reindexes were killed before they finished")
        #expect(try Self.run(["reindex", "--archive", archive]).status == 0)

        try Self.expectEachPageOnce(archive, pages: pages)
        try Self.expectEachPageOnce(imported, pages: pages)
        try Self.expectIndexMatches(archive, warcFolder: warcFolder)
        try Self.expectIndexMatches(imported, warcFolder: warcFolder)
        #expect(try Self.run(["verify", "--archive", archive]).status == 0, "verify found problems after the kills")
    }

    @Test(
        .enabled(if: FileManager.default.isExecutableFile(atPath: binary), "needs .build/debug/vestige (swift build)"),
        .enabled(if: prlimit != nil, "needs prlimit (util-linux) to limit the file size"))
    func fullDiskStopsWithAClearErrorAndResumes() throws {
        // 80 pages of 64 KiB that do not compress, and files limited to 3 MB by RLIMIT_FSIZE:
        // with SIGXFSZ ignored, the write that crosses the limit fails with EFBIG, as on a full disk.
        let pages = 80
        let server = try Self.site(pages: pages) { path in
            var state = UInt64(truncatingIfNeeded: path.hashValue) | 1
            let body = (0..<(64 << 10)).map { _ -> UInt8 in
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                return UInt8(truncatingIfNeeded: state)
            }
            return .response(status: 200, headers: [("Content-Type", "application/octet-stream")], body: body)
        }
        defer { server.stop() }
        let archive = FileManager.default.temporaryDirectory.appendingPathComponent("vestige-full-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: archive) }
        let arguments = Self.crawlArguments(archive, server)

        let limited = try Self.run(
            ["-c", "trap '' XFSZ; exec \"$0\" --fsize=3000000 -- \"$@\"", Self.prlimit ?? "prlimit", Self.binary]
                + arguments,
            executable: "/bin/sh")
        #expect(limited.status == 1)
        #expect(limited.errors.contains("could not write the archive"), "\(limited.errors)")
        // The WARC file crosses the limit first (the SQLite WAL grows ~40 kB per page, to about 2 MB).
        #expect(limited.errors.contains("File too large"), "\(limited.errors)")
        #expect(limited.errors.contains("run the same command again"), "\(limited.errors)")
        // No record was left half written: the archive verifies as it is.
        #expect(try Self.run(["verify", "--archive", archive]).status == 0, "a partial record was left behind")

        // With the limit lifted, the same command finishes the crawl.
        #expect(try Self.run(arguments).status == 0)
        try Self.expectEachPageOnce(archive, pages: pages)
        let layout = ArchiveLayout(directory: archive)
        try Self.expectIndexMatches(archive, warcFolder: layout.warcDirectory)
        #expect(try Self.run(["verify", "--archive", archive]).status == 0)
    }
}

/// A frontier write that fails mid-crawl stops the crawl like a full disk does: exit status 1,
/// a message naming the write and how to resume, nothing archived lost, and a rerun finishes.
@Suite(.serialized) struct FrontierWriteFailureTests {
    /// Answers 503 to its first request of `/p/5`, then 200 like every other page.
    final class FirstAnswerBusy: Sendable {
        let answered = Mutex(false)

        func reply(_ path: String) -> Reply {
            let busy =
                path == "/p/5"
                && answered.withLock { answered in
                    defer { answered = true }
                    return !answered
                }
            return busy ? .response(status: 503, headers: [], body: []) : .text("page \(path)")
        }
    }

    @Test(
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: CrashRecoveryTests.binary),
            "needs .build/debug/vestige (swift build)"))
    func aFailedFrontierWriteStopsTheCrawlAndARerunResumes() throws {
        let pages = 30
        let site = FirstAnswerBusy()
        let server = try CrashRecoveryTests.site(pages: pages) { site.reply($0) }
        defer { server.stop() }
        let archive = FileManager.default.temporaryDirectory.appendingPathComponent("vestige-frontier-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: archive) }
        let layout = ArchiveLayout(directory: archive)
        try FileManager.default.createDirectory(atPath: archive, withIntermediateDirectories: true)
        // The 503 makes the crawler schedule a retry: that frontier write is refused.
        try ArchiveDatabase(path: layout.databasePath).writer.write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER injected_failure BEFORE UPDATE OF state ON frontier WHEN NEW.state = 'retry'
                    BEGIN SELECT RAISE(ABORT, 'injected frontier failure'); END
                    """)
        }
        let arguments = CrashRecoveryTests.crawlArguments(archive, server)

        let failed = try CrashRecoveryTests.run(arguments)
        #expect(failed.status == 1)
        #expect(failed.errors.contains("could not schedule a retry of \(server.url("/p/5"))"), "\(failed.errors)")
        #expect(failed.errors.contains("injected frontier failure"), "\(failed.errors)")
        #expect(failed.errors.contains("run the same command again"), "\(failed.errors)")
        let archived = try ArchiveDatabase(path: layout.databasePath).writer.write { db in
            try db.execute(sql: "DROP TRIGGER injected_failure")
            return try String.fetchAll(db, sql: "SELECT record_id FROM captures")
        }
        #expect(!archived.isEmpty)
        #expect(try CrashRecoveryTests.run(["verify", "--archive", archive]).status == 0)

        // The same command again: /p/5, left in flight, is fetched again and the crawl finishes.
        let rerun = try CrashRecoveryTests.run(arguments)
        #expect(rerun.status == 0, "\(rerun.errors)")
        try CrashRecoveryTests.expectEachPageOnce(archive, pages: pages)
        try CrashRecoveryTests.expectIndexMatches(archive, warcFolder: layout.warcDirectory)
        let after = try ArchiveDatabase(path: layout.databasePath).writer.read { db in
            Set(try String.fetchAll(db, sql: "SELECT record_id FROM captures"))
        }
        #expect(Set(archived).isSubset(of: after), "captures of the stopped run were lost")
    }
}
