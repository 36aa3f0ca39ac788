import Foundation
import Testing

@testable import VestigeCLI

/// `vestige import` of an exiftool JSON file, found by content, then `vestige search --kind media`
/// with each place and time filter: hits carry the SourceFile as url and the JSON file and
/// object index as their provenance.
@Suite struct ExifToolImportCommandTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ArchiveIndexTests/Fixtures/exiftool/default.json").path

    static func search(_ archive: String, _ arguments: [String]) throws -> [[String: Any]] {
        var output = StringSink()
        try SearchCommand.parse(
            ["--archive", archive, "--kind", "media", "--format", "json", "--limit", "0"] + arguments
        )
        .perform(output: &output)
        return try JSONSerialization.jsonObject(with: Data(output.text.utf8)) as? [[String: Any]] ?? []
    }

    @Test func importsBySniffingAndSearchesWithProvenance() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vestige-exif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let archive = folder.appendingPathComponent("arch").path
        // Named like a JSONL dump: the content decides.
        let file = folder.appendingPathComponent("parler-media.json").path
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: file)
        #expect(ImportFileKind.detect(path: file) == .exiftoolJSON)
        var output = StringSink()
        let console = ImportConsole.collector()
        let summary = try ImportCommand.parse(["--archive", archive, file]).perform(output: &output, console: console)
        #expect(summary.imported == 33 && summary.bad == 0, "\(console.collected)")
        #expect(output.text == "\(file): imported 33, updated 0, unchanged 0, bad 0\n")

        let near = try Self.search(archive, ["--near", "43.467,11.885", "--radius-km", "2"])
        #expect(near.count == 8)
        let resolved = URL(fileURLWithPath: file).resolvingSymlinksInPath().path
        for hit in near {
            #expect(hit["kind"] as? String == "media")
            #expect((hit["url"] as? String)?.hasPrefix("Samples/media/DSCN") == true)
            #expect(hit["source_file"] as? String == resolved)
            #expect(hit["source_line"] is Int)
            #expect(hit["warc_file"] is NSNull)
            #expect((hit["payload_digest"] as? String)?.hasPrefix("sha256:") == true)
        }
        #expect(
            try Self.search(archive, ["--bbox=-69,-50,-68,-49"]).map { $0["url"] as? String } == [
                "Samples/media/gps_south_west_below_sea.jpg"
            ])
        let window = try Self.search(archive, ["--since", "2008-10-22", "--until", "2008-10-24"])
        #expect(window.count == 8, "the DSCN photos by their GPS time")
        let withGPS = try Self.search(archive, ["--has-gps"]).compactMap { $0["url"] as? String }
        #expect(!withGPS.contains("Samples/media/gps_null_island.jpg") && withGPS.count > 10)

        // The table shows the JSON file and index as the source.
        var table = StringSink()
        try SearchCommand.parse(["--archive", archive, "--kind", "media", "--bbox=-69,-50,-68,-49"]).perform(
            output: &table)
        #expect(table.text.contains("from \(resolved):"))

        // reindex rebuilds what the WARC files hold and keeps these rows, which no WARC file holds.
        try ReindexCommand.parse(["--archive", archive]).run()
        #expect(try Self.search(archive, ["--near", "43.467,11.885", "--radius-km", "2"]).count == 8)
        #expect(try Self.search(archive, []).count == 33)
    }
}
