import ArchiveIndex
import Foundation
import TestHTTPServer
import Testing
import WARC

/// A WARC written by GNU wget (another crawler) imported into the index: known queries find the
/// right pages, and every hit's offset reads back the right record, with our reader and with
/// warcio (a test of its own, which says so when warcio is not installed).
@Suite struct WgetImportTests {
    static func tool(_ name: String) -> String? {
        ProcessInfo.processInfo.environment["PATH", default: "/usr/bin:/bin"].split(separator: ":")
            .map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func run(_ executable: String, _ arguments: [String], in directory: String) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    static let pages: [String: (title: String, text: String)] = [
        "/": ("Manual index", "Start here: the table of contents"),
        "/sql-select.html": ("SELECT", "SELECT retrieves rows from zero or more tables"),
        "/sql-insert.html": ("INSERT", "INSERT creates new rows in a table"),
        "/tutorial-joins.html": ("Joins Between Tables", "Queries can access multiple tables at once: a join"),
        "/charset.html": ("Zeichensätze", "Unterstützung für Umlaute wie München und Köln"),
    ]

    /// The queries asked of the imported WARC, with the path of the page each must find.
    static let queries = [
        ("retrieves rows", "/sql-select.html"), ("Munchen", "/charset.html"),
        ("\"access multiple\" OR acces*", "/tutorial-joins.html"),
    ]

    /// wget's WARC of the test site, imported into an index beside it, and the site's server.
    struct ImportedWARC {
        let server: TestHTTPServer
        let directory: URL
        let warc: String
        let searcher: ArchiveSearcher

        /// The one hit of `query` (pages only), after checking it is the page at `expectedPath`.
        func hit(_ query: String, expectedPath: String) throws -> SearchHit {
            var request = SearchRequest(query: try SearchQueryParser.parse(query))
            request.kinds = [.page]
            let hits = try searcher.search(request)
            #expect(hits.map(\.url) == [server.url(expectedPath)], "query \(query)")
            return try #require(hits.first)
        }

        func remove() {
            server.stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// Serves the test site, crawls it with wget into `manual.warc.gz` and imports that.
    static func importWgetWARC() throws -> ImportedWARC {
        let server = TestHTTPServer()
        let links = Self.pages.keys.sorted().map { "<a href=\"\($0)\">\($0)</a>" }.joined()
        for (path, page) in Self.pages {
            let html = "<html><head><title>\(page.title)</title></head><body><p>\(page.text)</p>\(links)</body></html>"
            server.route(
                path,
                reply: .response(
                    status: 200, headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(html.utf8)))
        }
        _ = try server.start()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "vestige-wget-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let wget = try #require(Self.tool("wget"))
            let (status, _) = try Self.run(
                wget,
                [
                    "--warc-file=manual", "--recursive", "--level=2", "--no-verbose", "-e", "robots=off",
                    server.url("/"),
                ],
                in: directory.path)
            #expect(status == 0)
            let warc = directory.appendingPathComponent("manual.warc.gz").path
            let database = try ArchiveDatabase(path: directory.appendingPathComponent("archive.sqlite").path)
            var problems: [ImportProblem] = []
            let summary = try WARCImporter(database: database).importFile(
                path: warc, problem: { problems.append($0) })
            #expect(problems.isEmpty, "\(problems)")
            #expect(summary.bad == 0)
            let searcher = try ArchiveSearcher(path: directory.appendingPathComponent("archive.sqlite").path)
            return ImportedWARC(server: server, directory: directory, warc: warc, searcher: searcher)
        } catch {
            server.stop()
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    @Test(.enabled(if: tool("wget") != nil, "needs wget (scripts/setup --test-tools installs it)"))
    func importedWgetWARCAnswersQueries() throws {
        let imported = try Self.importWgetWARC()
        defer { imported.remove() }
        for (query, expectedPath) in Self.queries {
            // The hit's offset is where that page's response record is.
            let offset = try #require(try imported.hit(query, expectedPath: expectedPath).warcOffset)
            let record = try WARCReader.record(at: offset, in: imported.warc).record
            #expect(record.targetURI == imported.server.url(expectedPath))
            #expect(record.type == .response)
        }
    }

    @Test(
        .enabled(if: tool("wget") != nil, "needs wget (scripts/setup --test-tools installs it)"),
        .enabled(if: tool("warcio") != nil, "warcio is not installed: pip install warcio"))
    func warcioReadsTheRecordAtEachHitsOffset() throws {
        let imported = try Self.importWgetWARC()
        defer { imported.remove() }
        let warcio = try #require(Self.tool("warcio"))
        for (query, expectedPath) in Self.queries {
            let offset = try #require(try imported.hit(query, expectedPath: expectedPath).warcOffset)
            // warcio extract prints the record's headers and HTTP head.
            let (code, output) = try Self.run(
                warcio, ["extract", "--headers", imported.warc, String(offset)], in: imported.directory.path)
            #expect(code == 0)
            #expect(
                output.contains("WARC-Target-URI: \(imported.server.url(expectedPath))"),
                "warcio reads another record at \(offset)")
        }
    }
}
