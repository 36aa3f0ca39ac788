import ArchiveIndex
import Crawling
import Foundation
import GRDB
import Synchronization
import TestHTTPServer
import Testing
import WARC

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Interoperability with the tools other people use on WARC files: warcio reads what vestige
/// writes (offsets included), pywb replays it byte for byte, vestige reads and verifies what
/// GNU Wget writes, and zstd-compressed WARCs (ArchiveTeam's `.warc.zst`) are read.
///
/// Each test runs only when its external tool works on this machine and is skipped otherwise
/// (the reason names the package). CI installs them:
/// - warcio: `pip install warcio` (PyPI) — the `warcio` command
/// - pywb: `pip install pywb` (PyPI) — the `wb-manager` and `wayback` commands
/// - wget: `apt-get install wget` (Debian)
/// - zstd: `apt-get install zstd` (Debian; only for the real-zstd-file case, the broken-frame
///   case always runs)
@Suite(.serialized) struct InteropTests {
    // MARK: - warcio

    // `warcio check` and `warcio index` must accept every file we write and find every response
    // record exactly where the captures table says it is.
    @Test(.enabled(if: InteropTool.warcio.isAvailable, "warcio is not installed (pip install warcio)"))
    func warcioChecksAndIndexesACrawledArchive() async throws {
        let site = try InteropSite()
        defer { site.stop() }
        let archive = try await site.crawl()
        defer { archive.remove() }

        let files = try archive.warcFiles()
        #expect(!files.isEmpty)
        let captures = try archive.captures()
        #expect(Set(captures.map(\.url)).isSuperset(of: site.expectedCrawledURLs))

        for file in files {
            let path = archive.layout.warcPath(file)
            let check = try InteropProcess.run(["warcio", "check", "-v", path])
            #expect(check.status == 0, "warcio check -v \(file) exited \(check.status): \(check.output)")
            #expect(!check.output.contains("digest fail"), "warcio check: \(check.output)")

            let index = try InteropProcess.run([
                "warcio", "index", "-f", "warc-type,warc-target-uri,offset,length", path,
            ])
            #expect(index.status == 0, "warcio index \(file): \(index.output)")
            let lines = index.output.split(separator: "\n").compactMap { line -> [String: String]? in
                guard let data = String(line).data(using: .utf8),
                    let object = try? JSONSerialization.jsonObject(with: data) as? [String: String]
                else { return nil }
                return object
            }
            let warcioResponses = lines.filter { $0["warc-type"] == "response" }
            let ours = captures.filter { $0.warcFile == file && $0.recordType == "response" }
            #expect(!ours.isEmpty)
            // Every response record warcio finds is one the captures table knows, at the same
            // offset and length, for the same URL — and the other way round.
            #expect(
                warcioResponses.count == ours.count,
                "warcio lists \(warcioResponses.count) responses, captures \(ours.count)")
            for capture in ours {
                let match = warcioResponses.first { $0["offset"] == String(capture.offset) }
                #expect(match != nil, "warcio index has no response at offset \(capture.offset) (\(capture.url))")
                #expect(match?["length"] == String(capture.length), "length of \(capture.url)")
                #expect(match?["warc-target-uri"] == capture.url)
                // And our own reader finds the record named in the row there.
                let record = try WARCReader.record(at: capture.offset, in: path).record
                #expect(record.recordID == capture.recordID)
            }
            // Every record of every type in the file is where warcio says, in the same order.
            let reader = try WARCReader(path: path)
            var offsets: [String] = []
            while let entry = try reader.next() { offsets.append(String(entry.offset)) }
            #expect(offsets == lines.compactMap { $0["offset"] })
        }
    }

    // MARK: - pywb

    // pywb indexes our WARC and replays each capture with the `id_` modifier (original bytes, no
    // rewriting); what comes back must be exactly what the test server sent.
    @Test(
        .enabled(
            if: InteropTool.wbManager.isAvailable && InteropTool.wayback.isAvailable,
            "pywb is not installed (pip install pywb)"),
        .timeLimit(.minutes(2)))
    func pywbReplaysCapturesByteForByte() async throws {
        let site = try InteropSite()
        defer { site.stop() }
        let archive = try await site.crawl()
        defer { archive.remove() }

        let root = try InteropTemporary.directory("pywb")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let initialized = try InteropProcess.run(["wb-manager", "init", "vestige"], in: root)
        try #require(initialized.status == 0, "wb-manager init: \(initialized.output)")
        for file in try archive.warcFiles() {
            let added = try InteropProcess.run(
                ["wb-manager", "add", "vestige", archive.layout.warcPath(file)], in: root)
            try #require(added.status == 0, "wb-manager add: \(added.output)")
        }

        // pywb 2.x: `wayback -p PORT -b ADDRESS -d DIR` (default bind is 0.0.0.0: keep it on loopback).
        let port = try InteropNetwork.freeLoopbackPort()
        let wayback = try InteropProcess.start(
            ["wayback", "-p", String(port), "-b", "127.0.0.1", "-d", root], logTo: root + "/wayback.log")
        defer { wayback.stop() }
        let ready = InteropNetwork.waitUntilServing(port: port, seconds: 60)
        try #require(ready, "wayback did not answer on port \(port): \(wayback.log())")

        for (path, served) in site.servedBodies.sorted(by: { $0.key < $1.key }) {
            // A partial timestamp is fine: pywb serves the capture closest to it (the only one).
            let replayPath = "/vestige/2000id_/" + site.server.url(path)
            let reply = try #require(InteropNetwork.get(port: port, path: replayPath), "no reply for \(replayPath)")
            #expect(reply.status == 200, "\(replayPath) → \(reply.status)")
            #expect(
                reply.body == served,
                "\(path): pywb replayed \(reply.body.count) bytes, the server sent \(served.count)")
        }
    }

    // MARK: - wget

    // GNU Wget's WARC/1.0 files (`<url>` target URIs, gzip or not) are read record by record and
    // every digest wget wrote checks out in our verifier.
    @Test(
        .enabled(if: InteropTool.wget.isAvailable, "wget is not installed (apt-get install wget)"),
        .timeLimit(.minutes(1)),
        arguments: [true, false])
    func readsAndVerifiesWgetWARCs(compressed: Bool) throws {
        let site = try InteropSite()
        defer { site.stop() }
        let directory = try InteropTemporary.directory("wget")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var arguments = [
            "wget", "--warc-file=\(directory)/site", "--recursive", "--level=2", "--no-verbose", "-e", "robots=off",
            "--tries=1", "--timeout=10", "--directory-prefix=\(directory)/files", site.server.url("/"),
        ]
        if !compressed { arguments.insert("--no-warc-compression", at: 1) }
        let wget = try InteropProcess.run(arguments, in: directory)
        // 8: the server answered some request with an error (the deliberate 404).
        #expect(wget.status == 0 || wget.status == 8, "wget exited \(wget.status): \(wget.output)")
        let path = directory + (compressed ? "/site.warc.gz" : "/site.warc")
        try #require(FileManager.default.fileExists(atPath: path), "wget wrote no \(path): \(wget.output)")

        let reader = try WARCReader(path: path)
        #expect(reader.isCompressed == compressed)
        var entries: [WARCEntry] = []
        var errors: [WARCError] = []
        while true {
            do {
                guard let entry = try reader.next() else { break }
                entries.append(entry)
            } catch {
                errors.append(error)
                if errors.count > 20 { break }
            }
        }
        #expect(errors.isEmpty, "\(errors)")
        #expect(entries.first?.record.type == .warcinfo)
        #expect(entries.allSatisfy { $0.record.version == "WARC/1.0" })
        let responses = entries.filter { $0.record.type == .response }
        // wget writes `WARC-Target-URI: <http://...>`; the reader's targetURI drops the brackets.
        #expect(responses.contains { $0.record.headers["WARC-Target-URI"]?.hasPrefix("<") == true })
        let targets = Set(responses.compactMap(\.record.targetURI))
        let missing = site.expectedWgetURLs.subtracting(targets)
        #expect(missing.isEmpty, "wget's WARC has no response for \(missing.sorted()); it has \(targets.sorted())")
        // The payloads are the bytes the server sent.
        for entry in responses {
            guard let target = entry.record.targetURI, let path = site.path(of: target),
                let served = site.servedBodies[path], let block = HTTPResponseBlock(parsing: entry.record.block)
            else { continue }
            #expect(Array(block.payload) == served, "payload of \(target)")
        }
        // Every record has a block digest, responses a payload digest; all agree with ours.
        #expect(entries.allSatisfy { $0.record.blockDigest != nil })
        #expect(responses.allSatisfy { $0.record.payloadDigest != nil })
        let report = WARCVerifier.verify(path: path)
        #expect(report.records == entries.count)
        #expect(report.problems.isEmpty, "\(report.problems)")
    }

    // MARK: - zstd (ArchiveTeam's .warc.zst)

    // A file that starts with the zstd frame magic but holds no valid frame is reported with the
    // file and offset 0, not read as garbage and not a crash; the verifier reports it.
    @Test func brokenZstdIsReportedWithItsOffset() throws {
        let directory = try InteropTemporary.directory("zstd")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/x.warc.zst"
        // Frame magic 28 B5 2F FD, then a frame header that promises more than the file holds.
        let bytes: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD, 0x24, 0x10, 0x81, 0x00] + Array("WARC/1.1\r\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        Self.expectReported(path, at: 0)

        // ArchiveTeam's files open with a skippable frame (magic 50..5F 2A 4D 18) carrying the
        // dictionary; here only a dictionary's 4-byte magic. The broken frame after it is reported
        // at its own offset.
        let dictionaryPath = directory + "/dict.warc.zst"
        let skippable: [UInt8] = [0x5D, 0x2A, 0x4D, 0x18, 0x04, 0x00, 0x00, 0x00, 0x37, 0xA4, 0x30, 0xEC] + bytes
        try Data(skippable).write(to: URL(fileURLWithPath: dictionaryPath))
        Self.expectReported(dictionaryPath, at: 12)
    }

    // A real zstd-compressed WARC written by the zstd tool (one frame for the whole file) is read.
    @Test(.enabled(if: InteropTool.zstd.isAvailable, "zstd is not installed (apt-get install zstd)"))
    func realZstdWARCIsRead() throws {
        let directory = try InteropTemporary.directory("zstd-real")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let plain = directory + "/x.warc"
        let content = Array("compressed with zstd".utf8)
        let record = WARCRecordBuilder.resource(targetURI: "urn:test:zstd", contentType: "text/plain", content: content)
        try Data(record.serialized()).write(to: URL(fileURLWithPath: plain))
        let zstd = try InteropProcess.run(["zstd", "-q", "--rm", plain, "-o", directory + "/x.warc.zst"])
        try #require(zstd.status == 0, "zstd: \(zstd.output)")
        let head = try Array(Data(contentsOf: URL(fileURLWithPath: directory + "/x.warc.zst")).prefix(4))
        #expect(head == [0x28, 0xB5, 0x2F, 0xFD])
        let entries = try WARCReader.readAll(path: directory + "/x.warc.zst")
        #expect(entries.map(\.record.block) == [content])
        #expect(entries.first?.offset == 0)
        let report = WARCVerifier.verify(path: directory + "/x.warc.zst")
        #expect(report.records == 1)
        #expect(report.problems.isEmpty, "\(report.problems)")
    }

    static func expectReported(_ path: String, at offset: Int64) {
        let error = #expect(throws: WARCError.self) { _ = try WARCReader.readAll(path: path) }
        #expect(error?.offset == offset, "\(String(describing: error))")
        #expect(error.map { "\($0)".contains(path) } == true, "\(String(describing: error))")
        let report = WARCVerifier.verify(path: path)
        #expect(report.records == 0)
        #expect(!report.problems.isEmpty)
        #expect(report.problems.first?.offset == offset)
    }
}

// MARK: - The site

/// A small loopback site: HTML pages with links (absolute, relative, a directory URL), an image,
/// a redirect and a 404. Every body has a Content-Length (no chunking: warcio 1.8 digests
/// chunked bodies wrongly, see notes/tooling.md). robots.txt is a 404 (allow all).
struct InteropSite {
    let server: TestHTTPServer
    /// The bytes served for each 200 path.
    let servedBodies: [String: [UInt8]]

    init() throws {
        let server = TestHTTPServer()
        func page(_ title: String, _ links: [String]) -> [UInt8] {
            let anchors = links.map { "<a href=\"\($0)\">\($0)</a>\n" }.joined()
            return Array(
                "<!DOCTYPE html>\n<html><head><title>\(title)</title></head><body>\n<h1>\(title)</h1>\n\(anchors)</body></html>\n"
                    .utf8)
        }
        var bodies: [String: [UInt8]] = [:]
        bodies["/"] =
            page("Home", ["/a.html", "b.html", "/dir/", "/old", "/missing"]) + Array("<img src=\"/img.png\">\n".utf8)
        bodies["/a.html"] = page("Page A", ["/c.html", "/", "img.png"])
        bodies["/b.html"] = page("Page B", ["a.html", "/dir/"])
        bodies["/c.html"] = page("Page C, a leaf", [])
        bodies["/dir/"] = page("A directory", ["page.html", "../c.html"])
        bodies["/dir/page.html"] = page("Inside the directory", ["/"])
        // A tiny PNG signature plus bytes that are not UTF-8, so nothing can survive a text round trip by chance.
        bodies["/img.png"] =
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + (0..<512).map { UInt8(($0 * 7 + 3) % 256) }
        for (path, body) in bodies {
            let type = path.hasSuffix(".png") ? "image/png" : "text/html; charset=utf-8"
            server.route(path, reply: .response(status: 200, headers: [("Content-Type", type)], body: body))
        }
        server.route("/old", reply: .redirect(to: "/b.html", status: 301))
        server.route("/missing", reply: .text("no such page\n", status: 404))
        server.route("/robots.txt", reply: .text("no robots.txt\n", status: 404))
        _ = try server.start()
        self.server = server
        servedBodies = bodies
    }

    func stop() { server.stop() }

    /// What vestige archives: every page, the image, the redirect, the 404 and robots.txt.
    var expectedCrawledURLs: Set<String> {
        Set((Array(servedBodies.keys) + ["/old", "/missing", "/robots.txt"]).map { server.url($0) })
    }

    /// What wget (robots off, two levels) fetches: every page and the image.
    var expectedWgetURLs: Set<String> { Set(servedBodies.keys.map { server.url($0) }) }

    /// The path of an absolute URL on this server.
    func path(of url: String) -> String? {
        url.hasPrefix(server.baseURL) ? String(url.dropFirst(server.baseURL.count)) : nil
    }

    /// Crawls the site in-process into a fresh temporary archive.
    func crawl() async throws -> InteropArchive {
        let layout = ArchiveLayout(directory: try InteropTemporary.directory("crawl"))
        let seed = try #require(CrawlURL(server.url("/")))
        var configuration = CrawlConfiguration(
            seeds: [seed], scope: CrawlScope(mode: .host, seeds: [seed]),
            userAgent: "vestige-interop-test (+mailto:test@example.org)")
        configuration.perHostDelay = 0
        configuration.concurrency = 4
        configuration.perHostConcurrency = 4
        let statistics = try await Crawler(configuration: configuration, layout: layout, software: "vestige/test").run()
        #expect(statistics.archived == expectedCrawledURLs.count)
        return InteropArchive(layout: layout)
    }
}

/// A crawled archive in a temporary folder.
struct InteropArchive {
    let layout: ArchiveLayout

    struct Capture {
        var url: String
        var recordType: String
        var status: Int?
        var warcFile: String
        var offset: Int64
        var length: Int64
        var recordID: String
    }

    func captures() throws -> [Capture] {
        let database = try ArchiveDatabase(path: layout.databasePath)
        return try database.writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT url, record_type, status, warc_file, warc_offset, warc_length, record_id FROM captures"
            ).map { row in
                Capture(
                    url: row["url"], recordType: row["record_type"], status: row["status"], warcFile: row["warc_file"],
                    offset: row["warc_offset"], length: row["warc_length"], recordID: row["record_id"])
            }
        }
    }

    func warcFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: layout.warcDirectory).filter { $0.hasSuffix(".warc.gz") }
            .sorted()
    }

    func remove() { try? FileManager.default.removeItem(atPath: layout.directory) }
}

// MARK: - Tools, processes, sockets

/// An external program the interop tests need, and whether it runs here.
enum InteropTool: String {
    case warcio, wbManager = "wb-manager", wayback, wget, zstd

    /// True when the tool is on PATH and answers its version (or help) flag with status 0 — a
    /// pyenv shim for an uninstalled command fails here, as it should.
    var isAvailable: Bool {
        if let known = Self.availability.withLock({ $0[self] }) { return known }
        let flag: String
        switch self {
        case .warcio, .zstd, .wget: flag = "--version"
        case .wbManager: flag = "--help"
        case .wayback: flag = "-V"
        }
        let works = (try? InteropProcess.run([rawValue, flag], timeout: 60).status) == 0
        Self.availability.withLock { $0[self] = works }
        return works
    }

    private static let availability = Mutex<[InteropTool: Bool]>([:])
}

enum InteropTemporary {
    /// A fresh empty folder under the temporary directory.
    static func directory(_ label: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.path + "/vestige-interop-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Runs external programs found on PATH, output to a file (no pipe to fill up), with a deadline.
enum InteropProcess {
    struct Result {
        var status: Int32
        var output: String
    }

    /// A started background process; `stop()` terminates it and waits.
    final class Running {
        let process: Process
        let logPath: String

        init(process: Process, logPath: String) {
            self.process = process
            self.logPath = logPath
        }

        func log() -> String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

        func stop() {
            guard process.isRunning else { return }
            process.terminate()
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
    }

    /// Runs `arguments` (program first) to the end, or kills it after `timeout` seconds (status -1).
    static func run(_ arguments: [String], in directory: String? = nil, timeout: Double = 120) throws -> Result {
        let logPath = FileManager.default.temporaryDirectory.path + "/vestige-interop-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: logPath) }
        let running = try start(arguments, in: directory, logTo: logPath)
        let deadline = Date().addingTimeInterval(timeout)
        while running.process.isRunning && Date() < deadline { usleep(10_000) }
        if running.process.isRunning {
            running.stop()
            return Result(status: -1, output: "timed out after \(timeout) s\n" + running.log())
        }
        running.process.waitUntilExit()
        return Result(status: running.process.terminationStatus, output: running.log())
    }

    /// Starts `arguments` with stdout and stderr going to `logPath`.
    static func start(_ arguments: [String], in directory: String? = nil, logTo logPath: String) throws -> Running {
        guard FileManager.default.createFile(atPath: logPath, contents: nil) else {
            throw InteropError("cannot create \(logPath)")
        }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        try process.run()
        try? log.close()
        return Running(process: process, logPath: logPath)
    }
}

/// Plain sockets on 127.0.0.1: a free port, and a one-shot HTTP/1.0 GET (no chunking, read to EOF).
enum InteropNetwork {
    struct Reply {
        var status: Int
        var head: String
        var body: [UInt8]
    }

    static func freeLoopbackPort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw InteropError("socket failed") }
        defer { close(fd) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw InteropError("bind failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw InteropError("getsockname failed") }
        return UInt16(bigEndian: address.sin_port)
    }

    /// True once a GET / on `port` gets any HTTP reply, polling for up to `seconds`.
    static func waitUntilServing(port: UInt16, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if get(port: port, path: "/") != nil { return true }
            usleep(200_000)
        }
        return false
    }

    /// GET `path` from 127.0.0.1:`port` over HTTP/1.0; nil when nothing answers.
    static func get(port: UInt16, path: String) -> Reply? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return nil }
        let request = Array(
            "GET \(path) HTTP/1.0\r\nHost: 127.0.0.1:\(port)\r\nUser-Agent: vestige-interop-test\r\n\r\n".utf8)
        var sent = 0
        while sent < request.count {
            let count = request[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return nil }
            sent += count
        }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            response.append(contentsOf: buffer[0..<count])
        }
        let separator: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]
        guard let end = (0..<max(0, response.count - 3)).first(where: { Array(response[$0..<$0 + 4]) == separator })
        else { return nil }
        let head = String(decoding: response[0..<end], as: UTF8.self)
        let statusText = head.split(separator: " ", maxSplits: 2).dropFirst().first.map(String.init) ?? ""
        guard let status = Int(statusText) else { return nil }
        return Reply(status: status, head: head, body: Array(response[(end + 4)...]))
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}

struct InteropError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
