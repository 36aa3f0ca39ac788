import ArchiveIndex
import ArgumentParser
import Crawling
import Foundation
import GRDB
import Testing
import WARC

@testable import VestigeCLI

/// `vestige import` of WACZ packages: vestige's own export comes back with the same search
/// results, a py-wacz package (deflated entries) imports, a tampered entry is reported by package
/// and entry while the others import, and the copies are ordinary WARC files of the archive.
@Suite struct WACZImportTests {
    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("wacz-import-\(UUID().uuidString)-\(name)").path
    }

    /// Runs `vestige import --archive archive files…`; returns the summary and what it printed.
    @discardableResult
    static func runImport(_ archive: String, _ files: [String]) throws -> (
        ImportSummary, output: String, console: String
    ) {
        let command = try ImportCommand.parse(["--archive", archive] + files)
        try command.validate()
        var output = StringSink()
        let console = ImportConsole.collector()
        let summary = try command.perform(output: &output, console: console)
        return (summary, output.text, console.collected)
    }

    /// Everything a hit says except its row id and WARC file name (the copies are renamed).
    static func signature(_ hit: SearchHit) -> String {
        let fields: [String?] = [
            hit.kind.rawValue, hit.url, hit.title, hit.body, hit.snippet, hit.author, hit.platform, hit.postID,
            hit.createdAt, hit.createdOffset, hit.latitude.map { "\($0)" }, hit.longitude.map { "\($0)" },
            "\(hit.nullIsland)", hit.deletedAt, hit.mimeType, hit.warcOffset.map { "\($0)" },
            hit.warcLength.map { "\($0)" }, hit.recordID, hit.payloadDigest, hit.distanceKilometres.map { "\($0)" },
        ]
        return fields.map { $0 ?? "∅" }.joined(separator: " | ")
    }

    static func hits(_ archive: String, _ configure: (inout SearchRequest) throws -> Void = { _ in }) throws
        -> [String]
    {
        var request = SearchRequest()
        request.limit = nil
        try configure(&request)
        return try ArchiveSearcher(path: ArchiveLayout(directory: archive).databasePath).search(request).map(signature)
            .sorted()
    }

    /// The searches compared between an archive and its WACZ round trip.
    static func searches(_ archive: String) throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        out["all"] = try hits(archive)
        out["media near"] = try hits(archive) {
            $0.kinds = [.media]
            $0.near = try GeoCircle(latitude: 43.467, longitude: 11.885, radiusKilometres: 2)
        }
        out["has gps"] = try hits(archive) { $0.hasGPS = true }
        out["since"] = try hits(archive) { $0.since = Timestamp(seconds: 1_600_000_000) }
        let word =
            try ArchiveSearcher(path: ArchiveLayout(directory: archive).databasePath).search(SearchRequest())
            .compactMap(\.body).flatMap { $0.split(separator: " ") }.map { $0.filter(\.isLetter) }
            .first { $0.count >= 5 } ?? "river"
        out["word \(word)"] = try hits(archive) { $0.query = try SearchQueryParser.parse(word) }
        return out
    }

    @Test func vestigesOwnExportComesBackWithTheSameSearchResults() async throws {
        let original = try await ForensicsFixture.archive()
        let package = Self.temporary("export.wacz")
        defer { try? FileManager.default.removeItem(atPath: package) }
        _ = try ExportCommand.parse(["--archive", original, "--format", "wacz", "--output", package]).perform()
        let copy = Self.temporary("arch")
        defer { try? FileManager.default.removeItem(atPath: copy) }
        #expect(ImportFileKind.detect(path: package) == .wacz)

        let (summary, output, console) = try Self.runImport(copy, [package])
        #expect(summary.bad == 0, "\(console)")
        #expect(summary.imported > 0)
        #expect(output.contains(package + ": imported"))
        let expected = try Self.searches(original)
        let got = try Self.searches(copy)
        #expect((expected["all"] ?? []).count > 20)
        for (name, hits) in expected {
            #expect(got[name] == hits, "search \(name): \(Set(hits).symmetricDifference(got[name] ?? []).prefix(4))")
        }

        // The copies are the package's bytes under a name that says where they came from.
        let originals = try ForensicsFixture.warcFiles(original)
        let copies = try ForensicsFixture.warcFiles(copy)
        #expect(copies.count == originals.count)
        for name in originals {
            let stem = String(name.dropLast(".warc.gz".count))
            let copied = try #require(
                copies.first { $0.hasPrefix((package as NSString).lastPathComponent + "--" + stem) })
            #expect(
                try FileDigest.sha256(path: original + "/warc/" + name)
                    == FileDigest.sha256(path: copy + "/warc/" + copied))
            #expect(console.contains("archive/\(name) -> warc/\(copied)"))
        }

        // verify and reindex read them as ordinary WARC files.
        var verifyOutput = StringSink()
        #expect(try VerifyCommand.parse(["--archive", copy]).perform(output: &verifyOutput), "\(verifyOutput.text)")
        try ReindexCommand.parse(["--archive", copy]).run()
        #expect(try Self.hits(copy) == expected["all"])

        // Importing the package again verifies it and changes nothing.
        let (again, _, againConsole) = try Self.runImport(copy, [package])
        #expect(again.imported == 0 && again.updated == 0 && again.bad == 0, "\(againConsole)")
        #expect(try ForensicsFixture.warcFiles(copy) == copies)
        #expect(try Self.searches(copy) == expected)
    }

    static let waczAvailable = ExternalTool.available("wacz")

    @Test(.enabled(if: waczAvailable, "py-wacz is not installed (scripts/setup --test-tools installs it with pip)"))
    func aPyWaczPackageImports() async throws {
        let original = try await ForensicsFixture.archive()
        let warcs = try ForensicsFixture.warcFiles(original).map { original + "/warc/" + $0 }
        let work = Self.temporary("py")
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let package = work + "/py.wacz"
        let made = ExternalTool.run(["wacz", "create", "-o", package, "--detect-pages", "--text"] + warcs, in: work)
        #expect(made.status == 0, "\(made.output)")
        let listing = try ZIPReader(path: package)
        #expect(listing.entries.contains { $0.method == .deflated }, "py-wacz deflates some entries")

        // The same WARC files imported directly and through the package give the same index.
        let direct = work + "/direct"
        try Self.runImport(direct, warcs)
        let viaPackage = work + "/package"
        let (summary, _, console) = try Self.runImport(viaPackage, [package])
        #expect(summary.bad == 0, "\(console)")
        #expect(summary.imported > 0)
        let expected = try Self.searches(direct)
        let got = try Self.searches(viaPackage)
        for (name, hits) in expected {
            #expect(got[name] == hits, "search \(name)")
        }
        // py-wacz's page titles (from each page's <title>) leave the titles the HTML gave alone.
        let directAll = try Self.hits(direct) { $0.kinds = [.page] }
        #expect(try Self.hits(viaPackage) { $0.kinds = [.page] } == directAll)
    }

    /// A CRC-32 of `bytes` (the ZIP polynomial), to tamper with an entry and keep the ZIP consistent.
    static func crc32(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// A WARC with one HTML page at `url`.
    static func writeWARC(directory: String, prefix: String, url: String, html: String) throws -> String {
        let writer = try WARCWriter(
            directory: directory, prefix: prefix, info: WARCInfoFields(software: "vestige tests"))
        let body = Array(html.utf8)
        let http =
            Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
        let date = try #require(WARCDate(parsing: "2021-01-06T19:05:10Z"))
        _ = try writer.write(WARCRecordBuilder.response(targetURI: url, httpResponse: http, date: date))
        let file = try #require(writer.currentFile)
        try writer.close()
        return directory + "/" + file
    }

    @Test func aTamperedEntryIsReportedAndTheOthersImport() throws {
        let work = Self.temporary("tamper")
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let sources = work + "/sources"
        let first = try Self.writeWARC(
            directory: sources, prefix: "one", url: "https://parler.example/v/1",
            html: "<html><head><title>Capitol steps</title></head><body>alpha words</body></html>")
        let second = try Self.writeWARC(
            directory: sources, prefix: "two", url: "https://parler.example/v/2",
            html: "<html><head><title>Second page</title></head><body>bravo words</body></html>")
        let third = try Self.writeWARC(
            directory: sources, prefix: "three", url: "https://parler.example/v/3",
            html: "<html><body>charlie words, a page without a title</body></html>")
        let package = work + "/tampered.wacz"
        let writer = try WACZWriter(path: package)
        try writer.addFile("archive/one.warc.gz", from: first)
        try writer.addFile("archive/two.warc.gz", from: second)
        try writer.addFile("archive/three.warc.gz", from: third)
        let pages = """
            {"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}
            {"url": "https://parler.example/v/3", "ts": "2021-01-06T19:05:10Z", "title": "Video of the rotunda"}
            {"url": "https://parler.example/v/1", "ts": "2021-01-06T19:05:10Z", "title": "Not used: the page has a title"}
            {"url": "https://parler.example/v/404", "ts": "2021-01-06T19:05:10Z", "title": "Never captured"}

            """
        try writer.addData("pages/pages.jsonl", Array(pages.utf8))
        try writer.finish(title: "t", created: "2021-01-07T00:00:00Z", software: "test")

        // Entry one: a byte changed and both CRC-32 fields fixed, so only the SHA-256 can tell.
        // Entry two: a byte changed, CRC-32 left alone.
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: package)))
        let zip = try ZIPReader(path: package)
        for (name, fixCRC) in [("archive/one.warc.gz", true), ("archive/two.warc.gz", false)] {
            let entry = try #require(zip.entry(named: name))
            let dataStart = Int(entry.localHeaderOffset) + 30 + name.utf8.count
            bytes[dataStart + 40] ^= 0x01
            guard fixCRC else { continue }
            let value = Self.crc32(bytes[dataStart..<(dataStart + Int(entry.compressedSize))])
            let crc = (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
            bytes.replaceSubrange((Int(entry.localHeaderOffset) + 14)..<(Int(entry.localHeaderOffset) + 18), with: crc)
            // The central directory record of this entry: find it by its local header offset.
            var position = bytes.count - 22
            while position > 0
                && !(bytes[position] == 0x50 && bytes[position + 1] == 0x4B && bytes[position + 2] == 0x05)
            {
                position -= 1
            }
            var directory = Int(bytes[position + 16]) | Int(bytes[position + 17]) << 8 | Int(bytes[position + 18]) << 16
            directory |= Int(bytes[position + 19]) << 24
            while directory < position {
                let nameLength = Int(bytes[directory + 28]) | Int(bytes[directory + 29]) << 8
                let extraLength = Int(bytes[directory + 30]) | Int(bytes[directory + 31]) << 8
                let commentLength = Int(bytes[directory + 32]) | Int(bytes[directory + 33]) << 8
                let entryName = String(decoding: bytes[(directory + 46)..<(directory + 46 + nameLength)], as: UTF8.self)
                if entryName == name { bytes.replaceSubrange((directory + 16)..<(directory + 20), with: crc) }
                directory += 46 + nameLength + extraLength + commentLength
            }
        }
        try Data(bytes).write(to: URL(fileURLWithPath: package))

        let archive = work + "/arch"
        let (summary, output, console) = try Self.runImport(archive, [package])
        #expect(summary.bad == 2, "\(console)")
        #expect(console.contains("\(package): archive/one.warc.gz: SHA-256 is"), "\(console)")
        #expect(console.contains("datapackage.json says"))
        #expect(console.contains("\(package): archive/two.warc.gz: CRC-32"), "\(console)")
        #expect(output.contains("bad 2"))
        // Only the sound entry was copied; its page is searchable, titled from the page list.
        let copies = try ForensicsFixture.warcFiles(archive)
        #expect(copies.count == 1 && copies.first?.hasPrefix("tampered.wacz--three-") == true)
        var request = SearchRequest(query: try SearchQueryParser.parse("rotunda"))
        request.limit = nil
        let titled = try ArchiveSearcher(path: ArchiveLayout(directory: archive).databasePath).search(request)
        #expect(titled.map(\.url) == ["https://parler.example/v/3"])
        #expect(titled.first?.title == "Video of the rotunda")
        #expect(console.contains("1 pages without a title of their own titled from the page list"))
        #expect(console.contains("2 of 3 listed pages have no capture in its WARC files"))
        #expect(try Self.hits(archive) { $0.query = try SearchQueryParser.parse("alpha OR bravo") }.isEmpty)
        // The exit status says some input was bad.
        #expect(throws: ExitCode.self) { try ImportCommand.parse(["--archive", archive, package]).run() }
    }

    @Test func detectionByExtensionAndContent() throws {
        let work = Self.temporary("detect")
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        // A WACZ under another name, by its ZIP magic and datapackage.json.
        let writer = try WACZWriter(path: work + "/package.bin")
        try writer.addData("pages/pages.jsonl", Array("{}\n".utf8))
        try writer.finish(title: "t", created: "2021-01-07T00:00:00Z", software: "test")
        #expect(ImportFileKind.detect(path: work + "/package.bin") == .wacz)
        // A ZIP without datapackage.json is no WACZ.
        let plain = try WACZWriter(path: work + "/plain.zip")
        try plain.addData("a.txt", [1])
        try plain.finish(title: "t", created: "2021-01-07T00:00:00Z", software: "test")
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: work + "/plain.zip")))
        // Rename the datapackage entries in place (same length) so the ZIP stays consistent.
        for name in ["datapackage.json", "datapackage-digest.json"] {
            let from = Array(name.utf8)
            var to = from
            to[0] = UInt8(ascii: "x")
            var index = 0
            while index + from.count <= bytes.count {
                if Array(bytes[index..<(index + from.count)]) == from {
                    bytes.replaceSubrange(index..<(index + from.count), with: to)
                }
                index += 1
            }
        }
        try Data(bytes).write(to: URL(fileURLWithPath: work + "/plain.zip"))
        guard case .unreadable(let reason) = ImportFileKind.detect(path: work + "/plain.zip") else {
            Issue.record("a plain ZIP was taken for something importable")
            return
        }
        #expect(reason.contains("datapackage.json"))
        // exiftool JSON by content, whatever the extension; JSONL stays JSONL.
        let exif = "[{\n  \"SourceFile\": \"a.jpg\",\n  \"GPSLatitude\": 1\n}]\n"
        for name in ["exif.json", "exif.txt", "exif.jsonl"] {
            try exif.write(toFile: work + "/" + name, atomically: true, encoding: .utf8)
            #expect(ImportFileKind.detect(path: work + "/" + name) == .exiftoolJSON, "\(name)")
        }
        try "{\"platform\": \"p\", \"id\": \"1\"}\n".write(
            toFile: work + "/posts.json", atomically: true, encoding: .utf8)
        #expect(ImportFileKind.detect(path: work + "/posts.json") == .jsonl)
        try "[1, 2]".write(toFile: work + "/array.txt", atomically: true, encoding: .utf8)
        guard case .unreadable = ImportFileKind.detect(path: work + "/array.txt") else {
            Issue.record("a JSON array without SourceFile was taken for exiftool output")
            return
        }
        #expect(ImportFileKind.detect(path: work + "/x.wacz") == .wacz, "by extension, even before it exists")
    }
}
