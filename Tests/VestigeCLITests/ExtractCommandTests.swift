import ArgumentParser
import Foundation
import MediaMetadata
import Testing

@testable import VestigeCLI

@Suite struct ExiftoolJSONWriterTests {
    @Test(arguments: [
        ("16.5", true), ("1.00", true), ("0", true), ("-105", true), ("2.5e3", true), ("123456789012345", true),
        ("1234567890123456", false), ("0123", false), ("1.", false), (".5", false), ("GIMP 2.4.5", false),
        ("", false), ("-", false), ("1e1234", false), ("8.3", true),
    ])
    func numberLikeTextFollowsExiftool(text: String, isNumber: Bool) {
        #expect(ExiftoolJSONWriter.looksLikeNumber(text) == isNumber)
    }

    @Test func writesParseableJSONWithErrorsAndEscapes() throws {
        var metadata = MediaMetadata()
        metadata.set(.make, .text("Quote \" back\\slash\ttab\u{1}"), source: "test")
        metadata.set(.software, .text("16.5"), source: "test")
        metadata.set(.gpsLatitude, .real(39.05134444444444), source: "test")
        metadata.set(.gpsAltitude, .unusable("inf"), source: "test")
        var writer = ExiftoolJSONWriter(includeProvenance: true)
        var sink = StringSink()
        writer.write(ExtractionResult(sourceFile: "a.jpg", outcome: .success(metadata)), to: &sink)
        writer.write(
            ExtractionResult(sourceFile: "b\u{0}.jpg", outcome: .failure(ExtractionError(message: "File not found"))),
            to: &sink)
        writer.finish(to: &sink)
        #expect(sink.text.contains("\"GPSLatitude\": 39.0513444444444,"), "numbers are printed as Perl prints them")
        #expect(sink.text.contains("\"Software\": 16.5,"))
        let parsed = try #require(JSONSerialization.jsonObject(with: Data(sink.text.utf8)) as? [[String: Any]])
        #expect(parsed.count == 2)
        #expect(parsed[0]["Make"] as? String == "Quote \" back\\slash\ttab\u{1}")
        #expect(parsed[0]["GPSAltitude"] as? String == "inf")
        #expect((parsed[0]["Sources"] as? [String: String])?["Make"] == "test")
        #expect(parsed[1]["Error"] as? String == "File not found")
        #expect(parsed[1]["SourceFile"] as? String == "b.jpg")
    }

    @Test func emptyRunIsAnEmptyArray() {
        var sink = StringSink()
        ExiftoolJSONWriter().finish(to: &sink)
        #expect(sink.text == "[]\n")
    }
}

@Suite struct MediaFileWalkerTests {
    /// A temporary tree: a.jpg, b.MOV, notes.txt, .hidden.jpg, sub/c.png, sub/deeper/d.heic.
    static func makeTree() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("vestige-walk-\(UUID().uuidString)")
        for path in ["a.jpg", "b.MOV", "notes.txt", ".hidden.jpg", "sub/c.png", "sub/deeper/d.heic", "Z.webp"] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data([0xFF]).write(to: url)
        }
        return root
    }

    @Test func walksLikeExiftool() throws {
        let root = try Self.makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let flat = MediaFileWalker(recursive: false).items(for: [root.path])
        #expect(flat == ["Z.webp", "a.jpg", "b.MOV"].map { .file(root.path + "/" + $0) })
        let deep = MediaFileWalker(recursive: true).items(for: [
            root.path, root.path + "/notes.txt", "/nonexistent/x.jpg",
        ])
        #expect(
            deep == [
                .file(root.path + "/Z.webp"), .file(root.path + "/a.jpg"), .file(root.path + "/b.MOV"),
                .file(root.path + "/sub/c.png"), .file(root.path + "/sub/deeper/d.heic"),
                .file(root.path + "/notes.txt"), .missing("/nonexistent/x.jpg", reason: "File not found"),
            ])
    }

    /// The extensions a folder walk reads, now derived from `MediaFormat`: the same 25 as when
    /// they were listed by hand.
    @Test func walkedExtensionsAreThoseOfEveryMediaFormat() {
        #expect(
            MediaFileWalker.mediaExtensions == [
                "jpg", "jpeg", "jpe", "tif", "tiff", "png", "webp", "heic", "heif", "hif", "avif",
                "mp4", "m4v", "mov", "qt", "3gp", "3gpp", "3g2", "dng", "nef", "nrw", "arw", "cr2", "orf", "rw2",
            ])
        #expect(MediaFileWalker.mediaExtensions == Set(MediaFormat.allCases.flatMap(\.fileExtensions)))
    }

    @Test func parallelExtractionKeepsInputOrder() throws {
        let root = try Self.makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let items = Array(repeating: MediaFileWalker(recursive: true).items(for: [root.path]), count: 300).flatMap {
            $0
        }
        var seen: [String] = []
        ParallelExtractor.run(items) { seen.append($0.sourceFile) }
        #expect(seen == items.map { if case .file(let path) = $0 { path } else { "" } })
    }
}

@Suite struct ExtractCommandTests {
    @Test func usageErrorsAreRejected() {
        #expect(throws: (any Error).self) { try ExtractCommand.parse([]) }
        #expect(throws: (any Error).self) { try ExtractCommand.parse(["--provenance", "a.jpg"]) }
        #expect(throws: (any Error).self) { try ExtractCommand.parse(["--bogus", "a.jpg"]) }
        #expect(VestigeCommand.exitCode(for: ValidationError("x")) == .usage)
    }

    @Test func everyCorpusFileRendersAsExiftoolDoes() throws {
        // ../shared/samples beside the checkout; its expected.json is exiftool 12.57's output.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let samples = root.deletingLastPathComponent().appendingPathComponent("shared/samples")
        let expectedData = try Data(contentsOf: samples.appendingPathComponent("expected.json"))
        let expected = try #require(JSONSerialization.jsonObject(with: expectedData) as? [[String: Any]])
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(samples.path)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        var writer = ExiftoolJSONWriter()
        var sink = StringSink()
        ParallelExtractor.run(MediaFileWalker(recursive: true).items(for: ["images", "video"])) {
            writer.write($0, to: &sink)
        }
        writer.finish(to: &sink)
        let actual = try #require(JSONSerialization.jsonObject(with: Data(sink.text.utf8)) as? [[String: Any]])
        #expect(actual.map { $0["SourceFile"] as? String } == expected.map { $0["SourceFile"] as? String })
        for (mine, theirs) in zip(actual, expected) {
            let file = theirs["SourceFile"] as? String ?? ""
            #expect(Set(mine.keys) == Set(theirs.keys), "\(file): keys differ")
            for (key, value) in theirs {
                let ours = mine[key]
                if let number = value as? NSNumber, !(value is String), let mineNumber = ours as? NSNumber {
                    let tolerance = file.contains("loci") ? 1e-4 : 1e-6
                    #expect(abs(number.doubleValue - mineNumber.doubleValue) <= tolerance, "\(file) \(key)")
                } else {
                    #expect("\(value)" == "\(ours ?? "nil")" && (value is String) == (ours is String), "\(file) \(key)")
                }
            }
        }
    }
}
