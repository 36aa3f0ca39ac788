import Foundation
import MediaMetadata
import Testing

/// The fixture folders `scripts/make-gap-fixtures` writes, each with exiftool's `expected.json`.
enum GapFixtures {
    /// Folder names under `Fixtures/`, one per layout the sample corpus lacks.
    static let gaps = ["bigtiff", "webp-animated", "heif-derived", "quicktime-dates", "png-compressed", "drone"]

    /// One fixture file and exiftool's reading of it.
    struct Case: Sendable, CustomTestStringConvertible {
        let gap: String
        let expected: ExpectedFile
        var path: String { TestData.fixtures.appendingPathComponent("\(gap)/\(expected.sourceFile)").path }
        var key: String { "\(gap)/\(expected.sourceFile)" }
        var testDescription: String { key }
    }

    /// Every fixture of `gap`, in the order of its `expected.json`.
    static func cases(_ gap: String) -> [Case] {
        let url = TestData.fixtures.appendingPathComponent("\(gap)/expected.json")
        return ((try? ExpectedFile.load(url)) ?? []).map { Case(gap: gap, expected: $0) }
    }

    /// Every fixture of every gap.
    static let all: [Case] = gaps.flatMap(cases)

    /// Where vestige deliberately differs from exiftool 12.57, by fixture: the difference lines
    /// (as `ExpectedFile.differences` words them, up to the colon's value) and why.
    static let deliberateDifferences: [String: (lines: [String], reason: String)] = {
        let bigTIFFGPS = [
            "GPSAltitude: extra value", "GPSDateTime: extra value", "GPSLatitude: extra value",
            "GPSLongitude: extra value",
        ]
        let bigTIFFReason =
            "exiftool 12.57 reads a BigTIFF GPS IFD with its Exif table and reports no GPS tags; "
            + "vestige reads it (checked against exiftool's reading of the classic-TIFF twin)"
        return [
            "bigtiff/bigtiff_be_ifd8.tif": (bigTIFFGPS, bigTIFFReason),
            "bigtiff/bigtiff_le_long8.tif": (bigTIFFGPS, bigTIFFReason),
            "png-compressed/png_ztxt_damaged.png": (
                ["Make: missing", "Model: missing"],
                "exiftool prints \"(Binary data 0 bytes, use -b option to extract)\" for text it cannot "
                    + "inflate; vestige reports nothing and warns"
            ),
        ]
    }()

    /// The differences between vestige's reading of `fixture` and exiftool's, without the deliberate ones.
    static func unexpectedDifferences(_ fixture: Case, in metadata: MediaMetadata) -> [String] {
        let allowed = deliberateDifferences[fixture.key]?.lines ?? []
        return fixture.expected.differences(from: metadata).filter { line in
            !allowed.contains { line.hasPrefix($0) }
        }
    }
}
