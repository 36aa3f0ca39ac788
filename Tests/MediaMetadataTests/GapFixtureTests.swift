import BinaryParsing
import Foundation
import MediaMetadata
import Testing

/// The fixtures of `scripts/make-gap-fixtures` (BigTIFF, animated WebP, derived HEIF items,
/// QuickTime capture times, compressed PNG text, drone and thermal cameras) against exiftool
/// 12.57's reading of them, field by field.
@Suite struct GapFixtureTests {
    @Test func everyGapHasFixtures() throws {
        for gap in GapFixtures.gaps {
            let folder = TestData.fixtures.appendingPathComponent(gap)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0 != "expected.json" }
            let listed = GapFixtures.cases(gap).map(\.expected.sourceFile)
            #expect(!listed.isEmpty, "\(gap): no expected.json")
            #expect(Set(files) == Set(listed), "\(gap): files and expected.json disagree")
        }
    }

    @Test(arguments: GapFixtures.all)
    func matchesExiftool(_ fixture: GapFixtures.Case) throws {
        let metadata = try MetadataExtractor.extract(from: FileByteSource(path: fixture.path), fileName: fixture.path)
        let problems = GapFixtures.unexpectedDifferences(fixture, in: metadata)
        #expect(problems.isEmpty, "\(fixture.key): \(problems.joined(separator: "; "))")
    }

    @Test func deliberateDifferencesStillHappen() throws {
        // A listed difference that no longer occurs would hide a real one: each must still be there.
        for (key, difference) in GapFixtures.deliberateDifferences {
            let fixture = try #require(GapFixtures.all.first { $0.key == key }, "\(key) is not a fixture")
            let metadata = try MetadataExtractor.extract(
                from: FileByteSource(path: fixture.path), fileName: fixture.path)
            let problems = fixture.expected.differences(from: metadata)
            for line in difference.lines {
                #expect(problems.contains { $0.hasPrefix(line) }, "\(key): '\(line)' no longer differs")
            }
        }
    }

    @Test func bigTIFFGPSMatchesExiftoolOnTheClassicTwin() throws {
        // exiftool reports no GPS for BigTIFF (see deliberateDifferences); the twin holds the same
        // IFDs in classic TIFF, where exiftool reads them.
        let twin = try #require(GapFixtures.cases("bigtiff").first { $0.expected.sourceFile.contains("twin") })
        let gpsFields: [MetadataField] = [.gpsLatitude, .gpsLongitude, .gpsAltitude, .gpsDateTime]
        for fixture in GapFixtures.cases("bigtiff") where fixture.key != twin.key {
            let metadata = try MetadataExtractor.extract(
                from: FileByteSource(path: fixture.path), fileName: fixture.path)
            for field in gpsFields {
                let expected = try #require(twin.expected.values[field.rawValue], "twin lacks \(field)")
                let actual = try #require(metadata[field], "\(fixture.key): no \(field)")
                #expect(expected.matches(actual, tolerance: 1e-6), "\(fixture.key): \(field) \(actual) vs \(expected)")
            }
        }
    }

    @Test func animatedWebPWarnsWhereExiftoolCutsAFrameDuration() throws {
        let fixture = try #require(GapFixtures.all.first { $0.key == "webp-animated/webp_anim_canvas_exif.webp" })
        let metadata = try MetadataExtractor.extract(from: FileByteSource(path: fixture.path), fileName: fixture.path)
        #expect(metadata[.duration] == .real(0.304))
        #expect(metadata.warnings.contains { $0.contains("4200 ms") })
    }

    @Test func flirGPSIsIgnoredWhenMarkedInvalid() throws {
        let fixture = try #require(GapFixtures.all.first { $0.key == "drone/flir_fff_gps_invalid.jpg" })
        let metadata = try MetadataExtractor.extract(from: FileByteSource(path: fixture.path), fileName: fixture.path)
        #expect(metadata.latitude == nil)
        #expect(metadata[.dateTimeOriginal] == .text("2021:01:15 11:20:30.250+01:00"))
    }
}
