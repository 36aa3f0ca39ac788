import ArchiveIndex
import Foundation
import TestHTTPServer
import Testing
import WARC

/// A WARC written by GNU wget (another crawler) imported into the index: known queries find the
/// right pages, and every hit's offset reads back the right record — with our reader and with
/// warcio, when it is installed.
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

    @Test(.enabled(if: tool("wget") != nil, "needs wget (scripts/setup --test-tools installs it)"))
    func importedWgetWARCAnswersQueries() throws {
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
        defer { server.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "vestige-wget-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let wget = try #require(Self.tool("wget"))
        let (status, _) = try Self.run(
            wget,
            ["--warc-file=manual", "--recursive", "--level=2", "--no-verbose", "-e", "robots=off", server.url("/")],
            in: directory.path)
        #expect(status == 0)
        let warc = directory.appendingPathComponent("manual.warc.gz").path

        let database = try ArchiveDatabase(path: directory.appendingPathComponent("archive.sqlite").path)
        var problems: [ImportProblem] = []
        let summary = try WARCImporter(database: database).importFile(path: warc, problem: { problems.append($0) })
        #expect(problems.isEmpty, "\(problems)")
        #expect(summary.bad == 0)

        let searcher = try ArchiveSearcher(path: directory.appendingPathComponent("archive.sqlite").path)
        for (query, expectedPath) in [
            ("retrieves rows", "/sql-select.html"), ("Munchen", "/charset.html"),
            ("\"access multiple\" OR acces*", "/tutorial-joins.html"),
        ] {
            var request = SearchRequest(query: try SearchQueryParser.parse(query))
            request.kinds = [.page]
            let hits = try searcher.search(request)
            #expect(hits.map(\.url) == [server.url(expectedPath)], "query \(query)")
            // The hit's offset is where that page's response record is.
            let hit = try #require(hits.first)
            let offset = try #require(hit.warcOffset)
            let record = try WARCReader.record(at: offset, in: warc).record
            #expect(record.targetURI == server.url(expectedPath))
            #expect(record.type == .response)
            if let warcio = Self.tool("warcio") {
                // warcio extract prints the record's headers and HTTP head.
                let (code, output) = try Self.run(
                    warcio, ["extract", "--headers", warc, String(offset)], in: directory.path)
                #expect(code == 0)
                #expect(
                    output.contains("WARC-Target-URI: \(server.url(expectedPath))"),
                    "warcio reads another record at \(offset)")
            }
        }
    }
}
