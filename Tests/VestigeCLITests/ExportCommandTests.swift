import ArchiveIndex
import ArgumentParser
import Crawling
import Foundation
import Testing
import VestigeCLI

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `vestige export` on the demo archive: rows equal the same search's hits, GeoJSON and KML
/// parse back, CDXJ equals the crawl's own index, WACZ packages validate.
@Suite struct ExportCommandTests {
    static func temporary(_ suffix: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).\(suffix)").path
    }

    static func export(_ folder: String, _ format: String, _ arguments: [String] = []) throws -> String {
        let path = temporary(format)
        _ = try ExportCommand.parse(["--archive", folder, "--format", format, "--output", path] + arguments).perform()
        return path
    }

    static func searchText(_ folder: String, _ arguments: [String]) throws -> String {
        var output = StringSink()
        try SearchCommand.parse(["--archive", folder] + arguments).perform(output: &output)
        return output.text
    }

    @Test func filteredRowsEqualTheSameSearchsHits() async throws {
        let folder = try await ForensicsFixture.archive()
        let filters = ["--kind", "media", "--has-gps", "--since", "2000-01-01"]
        for format in ["jsonl", "csv", "geojson"] {
            let path = try Self.export(folder, format, filters)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let exported = try String(contentsOfFile: path, encoding: .utf8)
            let searched = try Self.searchText(folder, filters + ["--limit", "0", "--format", format])
            #expect(exported == searched, "\(format)")
            #expect(!exported.isEmpty)
        }
        let path = try Self.export(folder, "jsonl", filters)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let rows = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(rows.count > 1)
        for row in rows {
            for key in ["warc_file", "warc_offset", "record_id", "payload_digest"] {
                #expect(!(row[key] is NSNull) && row[key] != nil, "\(key) missing")
            }
            #expect(row["kind"] as? String == "media")
        }
        // --limit counts as a filter and is honoured.
        let limited = try Self.export(folder, "jsonl", ["--limit", "2"])
        defer { try? FileManager.default.removeItem(atPath: limited) }
        #expect(try String(contentsOfFile: limited, encoding: .utf8).split(separator: "\n").count == 2)
    }

    /// Each format writes a file of its own kind (a format that fell through to another's
    /// writer would fail here); the switch has no `default`, like ExportCommand's.
    @Test(arguments: ExportFormat.allCases)
    func everyFormatWritesItsOwnKindOfFile(format: ExportFormat) async throws {
        let folder = try await ForensicsFixture.archive()
        let path = try Self.export(folder, format.rawValue)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        let first = try #require(lines.first)
        switch format {
        case .wacz:
            #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        case .cdxj:
            let fields = first.split(separator: " ", maxSplits: 2)
            #expect(fields.count == 3 && fields[1].count == 14 && fields[2].hasPrefix("{"), "\(first)")
        case .geojson:
            #expect(first.hasPrefix(#"{"type":"FeatureCollection","features":["#))
        case .kml:
            #expect(first.hasPrefix("<?xml") && lines.contains { $0.contains("<kml") })
        case .csv:
            #expect(first.hasPrefix("kind,id,url,title,body,"))
        case .jsonl:
            #expect(lines.count > 1)
            for line in lines {
                #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any], "\(line)")
            }
        }
    }

    /// `--sort` and `--include-null-island` select nothing: with only them the export is the whole
    /// archive, as with no option at all; `--limit 0` (all hits) still exports hits.
    @Test func orderAndNullIslandAloneExportTheWholeArchive() async throws {
        let folder = try await ForensicsFixture.archive()
        let crawled = try String(contentsOfFile: folder + "/indexes/index.cdxj", encoding: .utf8)
        for options in [["--sort", "time"], ["--include-null-island"]] {
            let path = try Self.export(folder, "cdxj", options)
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect(try String(contentsOfFile: path, encoding: .utf8) == crawled, "\(options)")
        }
        let limited = try Self.export(folder, "cdxj", ["--limit", "0"])
        defer { try? FileManager.default.removeItem(atPath: limited) }
        #expect(try String(contentsOfFile: limited, encoding: .utf8) != crawled)
    }

    @Test func geoJSONAndKMLParseBackWithLongitudeFirst() async throws {
        let folder = try await ForensicsFixture.archive()
        // The whole archive: every hit with a position, points at 0,0 included (flagged null_island).
        var request = SearchRequest()
        request.limit = nil
        let hits = try ArchiveSearcher(path: ArchiveLayout(directory: folder).databasePath).search(request)
            .filter { $0.latitude != nil && $0.longitude != nil }
        #expect(hits.count > 1)

        let geojson = try Self.export(folder, "geojson")
        defer { try? FileManager.default.removeItem(atPath: geojson) }
        let collection = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: geojson))) as? [String: Any])
        #expect(collection["type"] as? String == "FeatureCollection")
        let features = try #require(collection["features"] as? [[String: Any]])
        #expect(features.count == hits.count)
        for feature in features {
            let geometry = try #require(feature["geometry"] as? [String: Any])
            #expect(geometry["type"] as? String == "Point")
            let coordinates = try #require(geometry["coordinates"] as? [Double])
            let properties = try #require(feature["properties"] as? [String: Any])
            #expect(coordinates == [properties["longitude"] as? Double, properties["latitude"] as? Double])
            #expect(
                properties["kind"] is String && properties["warc_file"] is String && properties["record_id"] is String)
        }

        let kml = try Self.export(folder, "kml")
        defer { try? FileManager.default.removeItem(atPath: kml) }
        let counter = PlacemarkCounter()
        let parser = try #require(XMLParser(contentsOf: URL(fileURLWithPath: kml)))
        parser.delegate = counter
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(counter.placemarks == hits.count)
        #expect(counter.coordinates.count == hits.count)
        let parsed = counter.coordinates.map { text in
            text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        let expected = hits.map { [$0.longitude ?? .nan, $0.latitude ?? .nan] }
        #expect(Set(parsed.map { "\($0)" }) == Set(expected.map { "\($0)" }))
    }

    @Test func wholeArchiveCDXJEqualsTheCrawlIndexAndFilteredHoldsTheHits() async throws {
        let folder = try await ForensicsFixture.archive()
        let path = try Self.export(folder, "cdxj")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let exported = try String(contentsOfFile: path, encoding: .utf8)
        let crawled = try String(contentsOfFile: folder + "/indexes/index.cdxj", encoding: .utf8)
        #expect(exported == crawled)

        let filtered = try Self.export(folder, "cdxj", ["--kind", "media", "--has-gps"])
        defer { try? FileManager.default.removeItem(atPath: filtered) }
        var request = SearchRequest()
        request.kinds = [.media]
        request.hasGPS = true
        request.limit = nil
        let hits = try ArchiveSearcher(path: ArchiveLayout(directory: folder).databasePath).search(request)
        let lines = try String(contentsOfFile: filtered, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == Set(hits.compactMap(\.warcOffset)).count)
        for hit in hits {
            #expect(lines.contains { $0.contains("\"offset\": \"\(hit.warcOffset ?? -1)\"") })
        }
    }

    @Test func badFiltersExit64AndUnwritableOutputExits1() async throws {
        let folder = try await ForensicsFixture.archive()
        #expect(throws: ExitCode.usage) {
            try ExportCommand.parse([
                "--archive", folder, "--format", "csv", "--output", Self.temporary("csv"), "--near=91,0", "--radius-km",
                "1",
            ]).run()
        }
        #expect(throws: ExitCode.failure) {
            try ExportCommand.parse(["--archive", folder, "--format", "jsonl", "--output", "/nonexistent/dir/x.jsonl"])
                .run()
        }
        #expect(throws: ExitCode.failure) {
            try ExportCommand.parse(["--archive", folder, "--format", "wacz", "--output", "/nonexistent/dir/x.wacz"])
                .run()
        }
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent/dir"))
    }

    static let waczAvailable = ExternalTool.available("wacz")
    static let pythonAvailable = ExternalTool.available("python3")

    /// Every entry STORED, CRCs right, names safe, datapackage hashes and sizes right.
    static let zipCheck = """
        import hashlib, json, sys, zipfile
        z = zipfile.ZipFile(sys.argv[1])
        assert z.testzip() is None, "bad CRC"
        names = z.namelist()
        assert all(i.compress_type == 0 for i in z.infolist()), "not stored"
        assert all(not n.startswith("/") and ".." not in n.split("/") for n in names), "unsafe name"
        package = json.loads(z.read("datapackage.json"))
        assert package["wacz_version"] == "1.1.1" and package["profile"] == "data-package"
        for r in package["resources"]:
            data = z.read(r["path"])
            assert r["hash"] == "sha256:" + hashlib.sha256(data).hexdigest(), r["path"]
            assert r["bytes"] == len(data), r["path"]
        digest = json.loads(z.read("datapackage-digest.json"))
        assert digest["hash"] == "sha256:" + hashlib.sha256(z.read("datapackage.json")).hexdigest()
        pages = z.read("pages/pages.jsonl").decode().splitlines()
        assert json.loads(pages[0]) == {"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}
        print(json.dumps({"names": names, "pages": [json.loads(p)["url"] for p in pages[1:]]}))
        """

    @Test(.enabled(if: pythonAvailable, "python3 is not installed"))
    func waczPackagesAreStoredHashedAndValid() async throws {
        let folder = try await ForensicsFixture.archive()
        let whole = try Self.export(folder, "wacz")
        defer { try? FileManager.default.removeItem(atPath: whole) }
        let check = ExternalTool.run(["python3", "-c", Self.zipCheck, whole])
        #expect(check.status == 0, "\(check.output)")
        let listing = try #require(
            try JSONSerialization.jsonObject(with: Data(check.output.utf8)) as? [String: [String]])
        let files = try ForensicsFixture.warcFiles(folder)
        #expect(Set(listing["names"] ?? []).isSuperset(of: files.map { "archive/" + $0 }))
        #expect(listing["names"]?.contains("indexes/index.cdxj") == true)
        #expect((listing["pages"] ?? []).count > 10)

        let subset = try Self.export(folder, "wacz", ["--kind", "media", "--near=43.467,11.885", "--radius-km", "2"])
        defer { try? FileManager.default.removeItem(atPath: subset) }
        let subsetCheck = ExternalTool.run(["python3", "-c", Self.zipCheck, subset])
        #expect(subsetCheck.status == 0, "\(subsetCheck.output)")
        let subsetListing = try #require(
            try JSONSerialization.jsonObject(with: Data(subsetCheck.output.utf8)) as? [String: [String]])
        var request = SearchRequest()
        request.kinds = [.media]
        request.near = try GeoCircle(latitude: 43.467, longitude: 11.885, radiusKilometres: 2)
        request.limit = nil
        let hits = try ArchiveSearcher(path: ArchiveLayout(directory: folder).databasePath).search(request)
        #expect(Set(subsetListing["pages"] ?? []) == Set(hits.compactMap(\.url)))

        if Self.waczAvailable {
            for package in [whole, subset] {
                let validation = ExternalTool.run(["wacz", "validate", "-f", package])
                #expect(validation.status == 0 && validation.output.contains("is valid"), "\(validation.output)")
            }
        }
    }
}

/// Counts KML Placemarks and collects their coordinates.
final class PlacemarkCounter: NSObject, XMLParserDelegate {
    var placemarks = 0
    var coordinates: [String] = []
    private var text = ""

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if element == "Placemark" { placemarks += 1 }
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        if element == "coordinates" { coordinates.append(text) }
    }
}
