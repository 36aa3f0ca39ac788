import BinaryParsing
import Foundation
import GRDB
import MediaMetadata
import Testing
import WARC

@testable import ArchiveIndex

/// `exiftool -json` files (default formatting, -n, -G1, -G -n) of Samples/media imported as media
/// rows: the same places as vestige's own extractor, the same taken_at and null_island, found by
/// the search filters, kept idempotent, and bad elements reported by index.
@Suite struct ExifToolJSONImportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/exiftool")
    static let formats = ["default", "n", "G1", "G-n"]

    /// A fresh archive folder with its database.
    struct Archive {
        let directory: URL
        let database: ArchiveDatabase
        var databasePath: String { directory.appendingPathComponent("archive.sqlite").path }

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "vestige-exiftool-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            database = try ArchiveDatabase(path: directory.appendingPathComponent("archive.sqlite").path)
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }

        @discardableResult
        func importFile(_ path: String) throws -> (ImportSummary, [ImportProblem]) {
            var problems: [ImportProblem] = []
            let summary = try ExifToolJSONImporter(database: database).importFile(
                path: path, problem: { problems.append($0) })
            return (summary, problems)
        }

        /// Writes `text` into the archive folder as `name` and imports it.
        @discardableResult
        func importText(_ text: String, name: String = "exif.json") throws -> (ImportSummary, [ImportProblem], String) {
            let path = directory.appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let (summary, problems) = try importFile(path)
            return (summary, problems, path)
        }

        func rows() throws -> [String: Row] {
            try database.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM media").reduce(into: [:]) { $0[$1["url"] as String] = $1 }
            }
        }

        func count(_ table: String) throws -> Int {
            try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1 }
        }

        func search(_ configure: (inout SearchRequest) throws -> Void) throws -> [SearchHit] {
            var request = SearchRequest()
            request.kinds = [.media]
            request.limit = nil
            try configure(&request)
            return try ArchiveSearcher(path: databasePath).search(request)
        }
    }

    /// What vestige's extractor reads from each sample file, by SourceFile as the fixtures name it.
    static let extracted: [String: MediaMetadata] = {
        var out: [String: MediaMetadata] = [:]
        let folder = root.appendingPathComponent("Samples/media")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where !name.hasSuffix(".md") && !name.hasSuffix(".json") {
            guard let bytes = try? [UInt8](Data(contentsOf: folder.appendingPathComponent(name))) else { continue }
            out["Samples/media/" + name] =
                (try? MetadataExtractor.extract(from: MemoryByteSource(bytes), fileName: name)) ?? MediaMetadata()
        }
        return out
    }()

    @Test(arguments: formats)
    func placesTimesAndNullIslandMatchTheExtractor(format: String) throws {
        let archive = try Archive()
        defer { archive.remove() }
        let (summary, problems) = try archive.importFile(Self.fixtures.appendingPathComponent("\(format).json").path)
        #expect(problems.isEmpty, "\(problems)")
        #expect(summary.imported == 33 && summary.bad == 0)
        let rows = try archive.rows()
        #expect(rows.count == 33)
        #expect(Self.extracted.count >= 33)
        var withGPS = 0
        for (source, metadata) in Self.extracted {
            let row = try #require(rows[source], "\(format): no row for \(source)")
            let latitude = row["latitude"] as Double?
            let longitude = row["longitude"] as Double?
            if let expectedLatitude = metadata.latitude, let expectedLongitude = metadata.longitude {
                withGPS += 1
                let lat = try #require(latitude, "\(format) \(source): no latitude")
                let lon = try #require(longitude, "\(format) \(source): no longitude")
                #expect(abs(lat - expectedLatitude) <= 1e-5, "\(format) \(source): \(lat) vs \(expectedLatitude)")
                #expect(abs(lon - expectedLongitude) <= 1e-5, "\(format) \(source): \(lon) vs \(expectedLongitude)")
            } else {
                #expect(latitude == nil && longitude == nil, "\(format) \(source): position where extract has none")
            }
            #expect((row["null_island"] as Int64? ?? -1) == (metadata.isNullIsland ? 1 : 0), "\(format) \(source)")
            #expect(
                row["taken_at"] as String? == MediaRow(metadata: metadata).takenAt?.utcText,
                "\(format) \(source): taken_at")
            #expect(row["mime_type"] as String? == metadata[.mimeType]?.string, "\(format) \(source)")
            #expect(
                row["image_width"] as Int64? == metadata[.imageWidth]?.number.map { Int64($0) }, "\(format) \(source)")
            #expect(row["make"] as String? == metadata[.make]?.string, "\(format) \(source): make")
        }
        #expect(withGPS >= 15, "the corpus has GPS in most files")
        // Geo index: every row with both coordinates, as for extracted media.
        let positioned = rows.values.filter { ($0["latitude"] as Double?) != nil }.count
        #expect(try archive.count("media_geo") == positioned)
    }

    @Test func theSameValuesInEveryFormat() throws {
        var tables: [String: [String: [String]]] = [:]
        for format in Self.formats {
            let archive = try Archive()
            defer { archive.remove() }
            try archive.importFile(Self.fixtures.appendingPathComponent("\(format).json").path)
            tables[format] = try archive.rows().mapValues { row in
                [
                    "file_type", "mime_type", "image_width", "image_height", "software", "date_time_original",
                    "create_date", "creation_date", "offset_time_original", "gps_date_time", "taken_at", "null_island",
                ].map { "\(row[$0] as DatabaseValue)" }
                    + ["latitude", "longitude", "gps_altitude", "duration"].map { column in
                        (row[column] as Double?).map { String(format: "%.4f", $0) } ?? "NULL"
                    }
            }
        }
        let reference = try #require(tables["n"])
        for format in Self.formats {
            #expect(tables[format] == reference, "\(format) differs from -n")
        }
        // Spot checks of exiftool's quirks.
        let iphone = try #require(reference["Samples/media/iphone_keys_faststart.mov"])
        #expect(iphone[4] == "\"16.5\"", "Software printed as a number stays text")
        #expect(iphone[10] == "\"2023-06-15T10:30:45Z\"", "taken_at from CreationDate with its offset")
        let below = try #require(reference["Samples/media/gps_south_west_below_sea.jpg"])
        #expect(below[14] == "-105.0000", "altitude below sea level is negative")
    }

    @Test func importingAgainChangesNothingAndAChangedObjectIsUpdated() throws {
        let archive = try Archive()
        defer { archive.remove() }
        let source = try String(contentsOf: Self.fixtures.appendingPathComponent("default.json"), encoding: .utf8)
        let (first, _, path) = try archive.importText(source)
        #expect(first.imported == 33)
        let before = try archive.rows()
        let geo = try archive.count("media_geo")
        let (second, problems) = try archive.importFile(path)
        #expect(problems.isEmpty)
        #expect(second.imported == 0 && second.updated == 0 && second.unchanged == 33)
        #expect(try archive.rows() == before)
        #expect(try archive.count("media_geo") == geo)
        // The same file regenerated after a camera's position was corrected: one row changes, in the R*Tree too.
        let edited = source.replacingOccurrences(
            of: "\"GPSPosition\": \"43 deg 28' 2.81\\\" N, 11 deg 53' 6.46\\\" E\"",
            with: "\"GPSPosition\": \"43 deg 28' 2.81\\\" N, 11 deg 53' 6.46\\\" E\", \"Comment\": \"checked\""
        )
        .replacingOccurrences(
            of: "\"GPSLatitude\": \"43 deg 28' 2.81\\\" N\"", with: "\"GPSLatitude\": \"10 deg 0' 0.00\\\" S\"")
        #expect(edited != source)
        try Data(edited.utf8).write(to: URL(fileURLWithPath: path))
        let (third, _) = try archive.importFile(path)
        #expect(third.updated == 1 && third.unchanged == 32 && third.imported == 0)
        #expect(try archive.count("media") == 33 && archive.count("media_geo") == geo)
        let moved = try archive.search {
            $0.near = try GeoCircle(latitude: -10, longitude: 11.885, radiusKilometres: 5)
        }
        #expect(moved.map(\.url) == ["Samples/media/DSCN0010.jpg"])
    }

    @Test func searchFiltersFindTheRowsWithProvenance() throws {
        let archive = try Archive()
        defer { archive.remove() }
        let path = Self.fixtures.appendingPathComponent("n.json").path
        try archive.importFile(path)
        let resolved = ExifToolJSONImporter.absolutePath(path)
        // The nine Tuscany photos (DSCN*), 2 km around their centre.
        let near = try archive.search {
            $0.near = try GeoCircle(latitude: 43.467, longitude: 11.885, radiusKilometres: 2)
        }
        #expect(Set(near.compactMap(\.url)) == Set(Self.extracted.keys.filter { $0.contains("DSCN") }))
        for hit in near {
            #expect(hit.kind == .media && hit.sourceFile == resolved && hit.warcFile == nil)
            #expect((hit.distanceKilometres ?? 99) < 2)
        }
        // source_line is the object's index in the array.
        let objects = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [[String: Any]])
        for hit in near {
            let index = try #require(hit.sourceLine)
            #expect(objects[Int(index)]["SourceFile"] as? String == hit.url)
        }
        let bbox = try archive.search { $0.bbox = try GeoBox(parsing: "-69,-50,-68,-49") }
        #expect(bbox.map(\.url) == ["Samples/media/gps_south_west_below_sea.jpg"])
        // --since/--until compare taken_at (UTC instants; --until exclusive).
        let since = try #require(Timestamp(parsing: "2023-06-15T10:30:45Z"))
        let until = try #require(Timestamp(parsing: "2023-06-15T10:30:46Z"))
        let window = try archive.search {
            $0.since = since
            $0.until = until
        }
        let windowURLs = Set(window.compactMap(\.url))
        #expect(windowURLs.contains("Samples/media/iphone_keys_faststart.mov"))
        #expect(windowURLs.contains("Samples/media/gps_south_west_below_sea.jpg"), "GPSDateTime 10:30:45Z")
        #expect(!windowURLs.contains("Samples/media/DSCN0010.jpg"))
        let hasGPS = try archive.search { $0.hasGPS = true }
        let gpsURLs = Set(hasGPS.compactMap(\.url))
        #expect(!gpsURLs.contains("Samples/media/gps_null_island.jpg"), "0,0 is left out of --has-gps")
        #expect(!gpsURLs.contains("Samples/media/gps_zero_denominator.jpg"), "unusable GPS is no position")
        #expect(gpsURLs.isSuperset(of: near.compactMap(\.url)))
        let withNullIsland = try archive.search {
            $0.hasGPS = true
            $0.includeNullIsland = true
        }
        #expect(withNullIsland.contains { $0.url == "Samples/media/gps_null_island.jpg" && $0.nullIsland })
    }

    @Test func theObjectIsKeptByteForByteAndUnusableGPSIsAWarning() throws {
        let archive = try Archive()
        defer { archive.remove() }
        let object = """
            {
              "SourceFile": "videos/parler-1.mp4",
              "FileType": "MP4",
              "MIMEType": "video/mp4",
              "Software": 16.5,
              "CreateDate": "2021:01:06 19:05:10",
              "Duration": "0:01:02",
              "GPSLatitude": "",
              "GPSLongitude": "inf",
              "GPSAltitude": "inf"
            }
            """
        let (summary, problems, path) = try archive.importText("[" + object + "]\n")
        #expect(problems.isEmpty && summary.imported == 1)
        let row = try #require(try archive.rows()["videos/parler-1.mp4"])
        #expect(row["exiftool_json"] as String? == object)
        #expect(
            row["payload_digest"] as String? == WARCDigest.compute(Array(object.utf8), algorithm: .sha256).description)
        #expect(row["source_file"] as String? == ExifToolJSONImporter.absolutePath(path))
        #expect(row["source_index"] as Int64? == 0)
        #expect(row["latitude"] as Double? == nil && row["longitude"] as Double? == nil)
        #expect(row["gps_altitude"] as Double? == nil)
        #expect(row["software"] as String? == "16.5")
        #expect(row["duration"] as Double? == 62)
        #expect(row["taken_at"] as String? == "2021-01-06T19:05:10Z", "a video's CreateDate is UTC")
        let warnings = try #require(row["warnings"] as String?)
        #expect(warnings.contains("GPSLatitude is unusable") && warnings.contains("GPSLongitude is unusable"))
        #expect(warnings.contains("GPSAltitude is unusable"))
        #expect(try archive.count("media_geo") == 0)
    }

    @Test func malformedElementsAreReportedByIndexAndTheRestImported() throws {
        let archive = try Archive()
        defer { archive.remove() }
        let text = """
            [{"SourceFile": "a.jpg", "GPSLatitude": 10, "GPSLongitude": 20},
            42,
            {"FileType": "JPEG"},
            {"SourceFile": "b.jpg", "GPSLatitude": 1 2},
            {"SourceFile": 7},
            {"SourceFile": "a.jpg", "GPSLatitude": 11},
            {"SourceFile": "c.jpg", "GPSLatitude": "38 deg 53' 23.04\\" N", "GPSLongitude": "77 deg 0' 32.56\\" W"},
            {"SourceFile": "d.jpg", "GPSLatitude": 1
            """
        let (summary, problems, path) = try archive.importText(text)
        #expect(summary.imported == 2 && summary.bad == 6, "\(summary)")
        let messages = problems.map(\.description)
        for index in [1, 2, 3, 4, 5, 7] {
            #expect(messages.contains { $0.hasPrefix("\(path)[\(index)]: ") }, "\(index) not reported: \(messages)")
        }
        #expect(messages.contains { $0.contains("[1]") && $0.contains("a number") })
        #expect(messages.contains { $0.contains("[2]") && $0.contains("without SourceFile") })
        #expect(messages.contains { $0.contains("[3]") && $0.contains("not valid JSON") })
        #expect(messages.contains { $0.contains("[5]") && $0.contains("already at [0]") })
        #expect(messages.contains { $0.contains("[7]") && $0.contains("ends inside") })
        let rows = try archive.rows()
        #expect(Set(rows.keys) == ["a.jpg", "c.jpg"])
        #expect(rows["a.jpg"]?["latitude"] as Double? == 10, "the first a.jpg is kept")
        #expect(rows["c.jpg"]?["source_index"] as Int64? == 6)
        #expect(abs((rows["c.jpg"]?["longitude"] as Double? ?? 0) + 77.00904444) < 1e-6)
    }

    @Test func notAnArrayAndTrailingTextAreReported() throws {
        let archive = try Archive()
        defer { archive.remove() }
        let (summary, problems, _) = try archive.importText("{\"SourceFile\": \"a.jpg\"}\n")
        #expect(summary.bad == 1 && problems.count == 1 && problems[0].message.contains("not exiftool -json output"))
        let (trailing, trailingProblems, _) = try archive.importText(
            "[{\"SourceFile\": \"a.jpg\"}] and more", name: "t.json")
        #expect(trailing.imported == 1 && trailing.bad == 1)
        #expect(trailingProblems.first?.message.contains("after the closing") == true)
        let (empty, emptyProblems, _) = try archive.importText("[]", name: "e.json")
        #expect(empty == ImportSummary() && emptyProblems.isEmpty)
        let (unclosed, unclosedProblems, _) = try archive.importText("[{\"SourceFile\": \"z.jpg\"},", name: "u.json")
        #expect(unclosed.imported == 1 && unclosed.bad == 1 && unclosedProblems[0].message.contains("not closed"))
    }

    /// Damaged copies of a real file (bytes changed, the file cut anywhere) never trap or throw:
    /// every element is imported or reported, and what is imported keeps its place in the array.
    @Test func damagedFilesAreReportedNeverFatal() throws {
        let archive = try Archive()
        defer { archive.remove() }
        let original = [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent("n.json")))
        var generator = SystemRandomNumberGenerator()
        let specials: [UInt8] = Array("{}[],:\"\\".utf8) + [0x00, 0xFF, 0x0A]
        for round in 0..<60 {
            var bytes = original
            if round % 3 == 0 {
                bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator)))
            } else {
                for _ in 0..<(1 + round % 5) {
                    let index = Int.random(in: 0..<bytes.count, using: &generator)
                    bytes[index] = specials[Int.random(in: 0..<specials.count, using: &generator)]
                }
            }
            let path = archive.directory.appendingPathComponent("damaged-\(round).json").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            var problems: [ImportProblem] = []
            let summary = try ExifToolJSONImporter(database: archive.database).importFile(
                path: path, problem: { problems.append($0) })
            #expect(summary.bad == problems.count, "round \(round)")
            #expect(summary.imported + summary.bad + summary.unchanged + summary.updated > 0 || bytes.isEmpty)
        }
        let objects = try archive.database.read { db in
            try Row.fetchAll(db, sql: "SELECT url, source_index, exiftool_json FROM media")
        }
        for row in objects {
            let text = try #require(row["exiftool_json"] as String?)
            let parsed = try JSONParser.parse(Array(text.utf8))
            #expect(parsed["SourceFile"]?.string == row["url"] as String?)
        }
    }

    @Test func recognisedByContent() {
        let yes = [
            "[{\n  \"SourceFile\": \"a.jpg\"", "[]", "  [ ]", "\u{FEFF}[{\"SourceFile\":1}]", "[\n{\n\"SourceFile\"",
        ]
        let no = ["{\"SourceFile\": \"a\"}", "[{\"url\": \"x\", \"SourceFile\": \"a\"}]", "[1, 2]", "", "[", "[{", "x"]
        for text in yes { #expect(ExifToolJSONImporter.looksLikeExifToolJSON(Array(text.utf8)), "\(text)") }
        for text in no { #expect(!ExifToolJSONImporter.looksLikeExifToolJSON(Array(text.utf8)), "\(text)") }
    }
}
