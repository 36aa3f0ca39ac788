import Foundation
import GRDB
import SamplePlatform
import Testing
import VestigeCLI

/// ArchiveTeam-style `.warc.zst` (a trained dictionary in a skippable frame, one frame per record),
/// made from a real crawl of the loopback sample platform, imports to exactly what the `.warc.gz`
/// of the same records gives; `show` seeks to a record by its frame's offset; a cut frame is
/// reported with the file and offset while the records before it import.
@Suite(.serialized) struct ZstdImportTests {
    static let recompress: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("scripts/warc-gz-to-zst").path
    }()

    static let zstandardAvailable = SearchDatasetteTests.run(["python3", "-c", "import zstandard"]).0 == 0

    /// Everything the index holds that must not depend on the compression, as sorted text rows.
    static func index(_ archive: String) throws -> [String: [String]] {
        try DatabaseQueue(path: archive + "/archive.sqlite").read { db in
            let queries = [
                "pages":
                    "SELECT url || '|' || coalesce(title, '') || '|' || length(text) || '|' || record_id FROM pages",
                "posts":
                    "SELECT platform || '|' || post_id || '|' || body || '|' || coalesce(created_at, '') FROM posts",
                "media": """
                SELECT url || '|' || coalesce(latitude, '') || '|' || coalesce(longitude, '') || '|' ||
                    coalesce(taken_at, '') || '|' || record_id FROM media
                """,
                "captures": "SELECT record_id || '|' || url || '|' || coalesce(payload_digest, '') FROM captures",
            ]
            return try queries.mapValues { try String.fetchAll(db, sql: $0).sorted() }
        }
    }

    /// The WARC file, offset and record id of a media row with a place.
    static func placedMedia(_ archive: String) throws -> (String, Int64, String) {
        try DatabaseQueue(path: archive + "/archive.sqlite").read { db in
            let row = try #require(
                try Row.fetchOne(
                    db,
                    sql: "SELECT warc_file, warc_offset, record_id FROM media WHERE latitude IS NOT NULL LIMIT 1"))
            return (row["warc_file"] as String, row["warc_offset"] as Int64, row["record_id"] as String)
        }
    }

    static func importFiles(_ archive: String, _ files: [String]) throws -> (bad: Int, console: String) {
        let command = try ImportCommand.parse(["--archive", archive] + files)
        var output = StringSink()
        let console = ImportConsole.collector()
        let summary = try command.perform(output: &output, console: console)
        return (summary.bad, console.collected)
    }

    static func search(_ archive: String, _ arguments: [String]) throws -> [String] {
        let command = try SearchCommand.parse(
            ["--archive", archive, "--format", "json", "--limit", "1000"] + arguments)
        var output = StringSink()
        try command.perform(output: &output)
        let hits = try JSONSerialization.jsonObject(with: Data(output.text.utf8)) as? [[String: Any]] ?? []
        return hits.map { "\($0["kind"] ?? "")|\($0["url"] ?? "")|\($0["post_id"] ?? "")|\($0["record_id"] ?? "")" }
    }

    @Test(.enabled(if: zstandardAvailable, "python3 zstandard is not installed: pip install zstandard"))
    func zstdWithDictionaryImportsLikeGzip() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("vestige-zst-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let platform = try SamplePlatform(
            dataDirectory: PlatformArchivingTests.samples, dataSet: .small, rateLimit: nil)
        let port = try await platform.start()
        do {
            try await CrawlThenSearchTests.crawl(root + "/crawl", ["http://127.0.0.1:\(port)/"])
        } catch {
            await platform.stop()
            throw error
        }
        await platform.stop()
        let gzips = try FileManager.default.contentsOfDirectory(atPath: root + "/crawl/warc")
            .filter { $0.hasSuffix(".warc.gz") }.sorted()
        #expect(!gzips.isEmpty)

        let gzArchive = root + "/from-gz"
        let zstArchive = root + "/from-zst"
        try FileManager.default.createDirectory(atPath: gzArchive + "/warc", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: zstArchive + "/warc", withIntermediateDirectories: true)
        var gzFiles: [String] = []
        var zstFiles: [String] = []
        for name in gzips {
            let gz = gzArchive + "/warc/" + name
            try FileManager.default.copyItem(atPath: root + "/crawl/warc/" + name, toPath: gz)
            let zst = zstArchive + "/warc/" + name.replacingOccurrences(of: ".warc.gz", with: ".warc.zst")
            let (status, output) = SearchDatasetteTests.run(["python3", Self.recompress, gz, zst])
            #expect(status == 0, "recompressing failed: \(output)")
            gzFiles.append(gz)
            zstFiles.append(zst)
        }
        #expect(try Self.importFiles(gzArchive, gzFiles).bad == 0)
        let zstImport = try Self.importFiles(zstArchive, zstFiles)
        #expect(zstImport.bad == 0, "\(zstImport.console)")

        let fromGz = try Self.index(gzArchive)
        let fromZst = try Self.index(zstArchive)
        for table in ["pages", "posts", "media", "captures"] {
            #expect(fromGz[table]?.isEmpty == false, "no \(table) from the crawl")
            #expect(fromGz[table] == fromZst[table], "\(table) differ between .warc.gz and .warc.zst")
        }
        for query in [["uber", "--kind", "post"], ["--near", "43.467,11.885", "--radius-km", "2"], ["--has-gps"]] {
            let a = try Self.search(gzArchive, query)
            #expect(!a.isEmpty, "no hits for \(query)")
            #expect(a == (try Self.search(zstArchive, query)), "\(query)")
        }

        // show FILE:OFFSET seeks to a record's frame in the .warc.zst.
        let (file, offset, recordID) = try Self.placedMedia(zstArchive)
        #expect(file.hasSuffix(".warc.zst"))
        #expect(offset > 0)
        let show = try ShowCommand.parse(["--archive", zstArchive, "\(file):\(offset)", "--format", "json"])
        var shown = StringSink()
        try show.perform(output: &shown)
        #expect(shown.text.contains(recordID))

        // A frame cut short at the end of a copy: reported with the file and the frame's offset,
        // and the records before it still import.
        let cut = root + "/cut.warc.zst"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: zstFiles[0]))
        try bytes.prefix(bytes.count - 40).write(to: URL(fileURLWithPath: cut))
        let cutArchive = root + "/from-cut"
        let cutImport = try Self.importFiles(cutArchive, [cut])
        #expect(cutImport.bad >= 1)
        #expect(cutImport.console.contains("cut.warc.zst"))
        #expect(cutImport.console.contains("offset") || cutImport.console.contains("@"))
        let imported = try Self.index(cutArchive)["captures"]?.count ?? 0
        #expect(imported > 0)
    }
}
