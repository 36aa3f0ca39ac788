import ArchiveIndex
import BinaryParsing
import Crawling
import Foundation
import GRDB
import MediaMetadata
import TestHTTPServer
import Testing

/// `--media headers`: JPEG segments and MP4/MOV box headers fetched with Range requests, the
/// same metadata as a full download, a small fraction of the bytes.
@Suite(.serialized) struct HeaderOnlyMediaTests {
    static let media: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Samples/media").path
    }()

    static func sample(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: media + "/" + name)))
    }

    /// The file with `padding` zero bytes added at the end of its `mdat` (a phone video's size
    /// without its length): sample offsets stay valid, `moov` moves when it follows `mdat`.
    static func inflated(_ bytes: [UInt8], padding: Int) throws -> [UInt8] {
        var position = 0
        while position + 8 <= bytes.count {
            let size = bytes[position..<position + 4].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: bytes[position + 4..<position + 8], as: UTF8.self)
            try #require(size >= 8)
            if type == "mdat" {
                var out = Array(bytes[..<(position + size)]) + Array(repeating: 0, count: padding)
                out += bytes[(position + size)...]
                let grown = UInt32(size + padding)
                for index in 0..<4 { out[position + index] = UInt8(truncatingIfNeeded: grown >> (24 - 8 * index)) }
                return out
            }
            position += size
        }
        throw CocoaError(.fileReadCorruptFile)
    }

    /// Serves `files` by path; honours `Range: bytes=a-b` unless `ignoreRange`.
    static func serve(_ files: [String: [UInt8]], ignoreRange: Bool) throws -> TestHTTPServer {
        let server = TestHTTPServer()
        server.route("/robots.txt", reply: .text("", status: 404))
        server.fallback { request in
            guard let body = files[request.path] else { return .text("missing", status: 404) }
            let type = request.path.hasSuffix(".jpg") ? "image/jpeg" : "video/mp4"
            if !ignoreRange, let range = request.header("Range"), range.hasPrefix("bytes=") {
                let bounds = range.dropFirst(6).split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
                if bounds.count == 2, let lower = bounds[0], lower < body.count {
                    let upper = min(bounds[1] ?? body.count - 1, body.count - 1)
                    return .response(
                        status: 206,
                        headers: [("Content-Type", type), ("Content-Range", "bytes \(lower)-\(upper)/\(body.count)")],
                        body: Array(body[lower...upper]))
                }
            }
            return .response(status: 200, headers: [("Content-Type", type)], body: body)
        }
        return server
    }

    /// Crawls `paths` of `server` with `mode`, imports the WARC files, returns (statistics, media rows by path).
    static func crawl(_ server: TestHTTPServer, paths: [String], mode: MediaFetchMode) async throws
        -> (CrawlStatistics, [String: Row])
    {
        let layout = ArchiveLayout(
            directory: FileManager.default.temporaryDirectory.appendingPathComponent("vestige-ranges-\(UUID())").path)
        defer { try? FileManager.default.removeItem(atPath: layout.directory) }
        let seeds = try paths.map { try #require(CrawlURL(server.url($0))) }
        var configuration = CrawlConfiguration(
            seeds: seeds, scope: CrawlScope(mode: .host, seeds: seeds), userAgent: "vestige-test")
        configuration.perHostDelay = 0
        configuration.mediaMode = mode
        let statistics = try await Crawler(configuration: configuration, layout: layout, software: "vestige/test").run()
        let database = try ArchiveDatabase(path: layout.databasePath)
        for file in try FileManager.default.contentsOfDirectory(atPath: layout.warcDirectory) {
            _ = try WARCImporter(database: database).importFile(
                path: layout.warcDirectory + "/" + file, problem: { Issue.record("\($0)") })
        }
        let rows = try database.writer.read { try Row.fetchAll($0, sql: "SELECT * FROM media") }
        var byPath: [String: Row] = [:]
        for row in rows {
            let url: String = row["url"]
            byPath[String(url.dropFirst(server.baseURL.count))] = row
        }
        return (statistics, byPath)
    }

    static let compared = [
        "file_type", "mime_type", "image_width", "image_height", "make", "model", "date_time_original", "create_date",
        "creation_date", "latitude", "longitude", "gps_altitude", "gps_date_time", "duration", "taken_at", "sources",
    ]

    @Test func headerRangesGiveTheFullDownloadsMetadataForAFractionOfTheBytes() async throws {
        let padding = 8 << 20
        let files: [String: [UInt8]] = [
            "/moov_end.mov": try Self.inflated(try Self.sample("iphone_keys_moov_end.mov"), padding: padding),
            "/faststart.mov": try Self.inflated(try Self.sample("iphone_keys_faststart.mov"), padding: padding),
            "/moov_end.mp4": try Self.inflated(try Self.sample("android_xyz_moov_end.mp4"), padding: padding),
            "/loci.3gp": try Self.inflated(try Self.sample("loci_3gp.3gp"), padding: padding),
            "/camera.jpg": try Self.sample("DSCN0010.jpg"),
        ]
        let server = try Self.serve(files, ignoreRange: false)
        _ = try server.start()
        defer { server.stop() }
        let paths = files.keys.sorted()
        let (full, fullRows) = try await Self.crawl(server, paths: paths, mode: .full)
        let requestsBefore = server.requests.count
        let (headers, headerRows) = try await Self.crawl(server, paths: paths, mode: .headers)
        #expect(full.headerOnlyMedia == 0)
        #expect(headers.headerOnlyMedia == files.count)
        for path in paths {
            let fullRow = try #require(fullRows[path], "\(path) not indexed from the full download")
            let headerRow = try #require(headerRows[path], "\(path) not indexed from its ranges")
            for column in Self.compared {
                #expect(
                    fullRow[column] as DatabaseValue == headerRow[column] as DatabaseValue, "\(path) \(column)")
            }
            // The truth about what was archived travels with the row.
            #expect((headerRow["warnings"] as String?)?.contains("header-only capture") == true)
        }
        #expect(headerRows["/moov_end.mov"]?["latitude"] as Double? != nil, "the moov at the end was not reached")
        // Bytes: every video needs well under 2 % of its size (first chunk + moov).
        let videoBytes = files.filter { !$0.key.hasSuffix(".jpg") }.values.reduce(0) { $0 + $1.count }
        let ranged = server.requests.dropFirst(requestsBefore)
        #expect(ranged.allSatisfy { $0.path == "/robots.txt" || $0.header("Range") != nil })
        // moov first: one range; moov after an 8 MB mdat: the first range, then the moov.
        #expect(ranged.filter { $0.path == "/faststart.mov" }.count == 1)
        #expect(ranged.filter { $0.path == "/moov_end.mov" }.count == 2)
        #expect(ranged.filter { $0.path == "/moov_end.mp4" }.count == 2)
        let fraction = Double(headers.headerOnlyFetchedBytes) / Double(headers.headerOnlyMediaBytes)
        #expect(headers.headerOnlyMediaBytes == Int64(files.values.reduce(0) { $0 + $1.count }))
        #expect(fraction < 0.02, "fetched \(headers.headerOnlyFetchedBytes) of \(headers.headerOnlyMediaBytes)")
        #expect(videoBytes > 30 << 20)
    }

    @Test func aServerIgnoringRangeGivesTheWholeFileOnce() async throws {
        let files = ["/camera.jpg": try Self.sample("DSCN0010.jpg")]
        let server = try Self.serve(files, ignoreRange: true)
        _ = try server.start()
        defer { server.stop() }
        let (statistics, rows) = try await Self.crawl(server, paths: ["/camera.jpg"], mode: .headers)
        #expect(statistics.headerOnlyMedia == 0)
        #expect(server.requests(path: "/camera.jpg").count == 1)
        let row = try #require(rows["/camera.jpg"])
        #expect(row["byte_count"] as Int? == files["/camera.jpg"]?.count)
        #expect((row["warnings"] as String?)?.contains("header-only") != true)
        #expect(row["latitude"] as Double? != nil)
    }
}
