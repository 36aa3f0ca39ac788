import MediaMetadata
import Testing

@testable import ArchiveIndex

/// One exiftool object read into vestige's fields: which of several group-prefixed tags wins,
/// where signs come from, and what becomes a warning instead of a value.
@Suite struct ExifToolObjectTests {
    static func metadata(_ json: String) throws -> MediaMetadata {
        try ExifToolObject(json: JSONParser.parse(Array(json.utf8))).metadata()
    }

    @Test func groupedEXIFValuesTakeTheirSignFromTheirRef() throws {
        let formatted = try Self.metadata(
            """
            {"SourceFile": "a.jpg", "EXIF:GPSLatitudeRef": "South", "EXIF:GPSLatitude": "49 deg 34' 42.96\\"",
             "EXIF:GPSLongitudeRef": "West", "EXIF:GPSLongitude": "68 deg 21' 3.96\\"",
             "EXIF:GPSAltitudeRef": "Below Sea Level", "EXIF:GPSAltitude": "105 m"}
            """)
        #expect(abs((formatted.latitude ?? 0) + 49.5786) < 1e-4)
        #expect(abs((formatted.longitude ?? 0) + 68.3511) < 1e-4)
        #expect(formatted[.gpsAltitude]?.number == -105)
        #expect(formatted.entries[.gpsLatitude]?.source == "EXIF:GPSLatitude + EXIF:GPSLatitudeRef")
        let numeric = try Self.metadata(
            """
            {"SourceFile": "a.jpg", "GPS:GPSLatitudeRef": "S", "GPS:GPSLatitude": 49.5786,
             "GPS:GPSLongitudeRef": "E", "GPS:GPSLongitude": 68.3511}
            """)
        #expect(numeric.latitude == -49.5786 && numeric.longitude == 68.3511)
    }

    @Test func compositesWinOverTheirSources() throws {
        let metadata = try Self.metadata(
            """
            {"SourceFile": "a.jpg", "EXIF:GPSLatitude": 43.4674, "EXIF:GPSLatitudeRef": "N",
             "XMP:GPSLatitude": "40 deg 41' 21.12\\" N", "Composite:GPSLatitude": -43.4674,
             "Composite:GPSLongitude": 11.88, "XMP:CreateDate": "2008:05:10 20:55:15+09:00",
             "EXIF:CreateDate": "2008:05:04 16:47:24"}
            """)
        #expect(metadata.latitude == -43.4674)
        #expect(metadata.entries[.gpsLatitude]?.source == "Composite:GPSLatitude")
        #expect(metadata[.createDate]?.string == "2008:05:04 16:47:24", "EXIF before XMP, as exiftool")
    }

    /// exiftool's ungrouped GPSLongitudeRef can name the XMP hemisphere while GPSLongitude is the
    /// EXIF value (Samples/media/exif_xmp_gps_disagree.jpg): the signed value is never re-signed.
    @Test func aDisagreeingRefDoesNotFlipASignedValue() throws {
        let numeric = try Self.metadata(
            #"{"SourceFile": "a.jpg", "GPSLatitude": 48.8584, "GPSLongitude": 2.2945, "GPSLongitudeRef": "W"}"#)
        #expect(numeric.longitude == 2.2945)
        let formatted = try Self.metadata(
            #"{"SourceFile": "a.jpg", "GPSLatitude": "48 deg 51' 30.24\" N", "GPSLongitude": "2 deg 17' 40.20\" E", "GPSLongitudeRef": "West"}"#
        )
        #expect((formatted.longitude ?? 0) > 2.29)
    }

    @Test func quickTimeAltitudeBelowSeaLevelIsNegative() throws {
        let numeric = try Self.metadata(
            #"{"SourceFile": "a.mov", "GPSAltitude": 12, "GPSAltitudeRef": 1, "GPSLatitude": -33.5, "GPSLongitude": -70.25}"#
        )
        #expect(numeric[.gpsAltitude]?.number == -12)
        // An EXIF composite is already signed: -105 with Ref 1 stays -105.
        let signed = try Self.metadata(#"{"SourceFile": "a.jpg", "GPSAltitude": -105, "GPSAltitudeRef": 1}"#)
        #expect(signed[.gpsAltitude]?.number == -105)
        let above = try Self.metadata(#"{"SourceFile": "a.jpg", "GPSAltitude": "139 m Above Sea Level"}"#)
        #expect(above[.gpsAltitude]?.number == 139)
    }

    @Test func aLoneCoordinateIsNoPosition() throws {
        let metadata = try Self.metadata(#"{"SourceFile": "a.jpg", "GPSLatitude": 10, "GPSLongitude": "inf"}"#)
        #expect(metadata.latitude == nil && metadata.longitude == nil)
        #expect(metadata.warnings.contains { $0.contains("GPSLongitude is unusable") })
        #expect(metadata.warnings.contains { $0.contains("not used as a position") })
        let missing = try Self.metadata(#"{"SourceFile": "a.jpg", "GPSLatitude": 10}"#)
        #expect(missing.latitude == nil && missing.warnings.contains { $0.contains("GPSLongitude is missing") })
        let wrongAxis = try Self.metadata(
            #"{"SourceFile": "a.jpg", "GPSLatitude": "77 deg 0' 32.56\" W", "GPSLongitude": "38 deg N"}"#)
        #expect(wrongAxis.latitude == nil && wrongAxis.warnings.contains { $0.contains("wrong hemisphere") })
        let outOfRange = try Self.metadata(#"{"SourceFile": "a.jpg", "GPSLatitude": 95, "GPSLongitude": 10}"#)
        #expect(outOfRange.latitude == nil)
    }

    @Test func positionsFromGPSPositionAndCoordinates() throws {
        let position = try Self.metadata(
            #"{"SourceFile": "a.jpg", "GPSPosition": "38 deg 53' 23.04\" N, 77 deg 0' 32.56\" W"}"#)
        #expect(abs((position.latitude ?? 0) - 38.8897333) < 1e-6 && abs((position.longitude ?? 0) + 77.0090444) < 1e-6)
        let coordinates = try Self.metadata(#"{"SourceFile": "a.mov", "QuickTime:GPSCoordinates": "-33.5 -70.25 -12"}"#)
        #expect(coordinates.latitude == -33.5 && coordinates[.gpsAltitude]?.number == -12)
        let size = try Self.metadata(#"{"SourceFile": "a.jpg", "Composite:ImageSize": "1920x1080"}"#)
        #expect(size[.imageWidth]?.number == 1920 && size[.imageHeight]?.number == 1080)
    }

    @Test func datesDurationsTextAndWarnings() throws {
        let metadata = try Self.metadata(
            """
            {"SourceFile": "v.mp4", "FileType": "MP4", "CreateDate": "2021:01:06 19:05:10", "Duration": "0:01:02",
             "Software": 16.5, "Make": "Apple", "DateTimeOriginal": "06/01/2021 14:05",
             "OffsetTimeOriginal": "+2", "ImageWidth": "wide", "Warning": "[minor] odd", "Error": "File format error"}
            """)
        #expect(metadata[.duration]?.number == 62)
        #expect(metadata[.software]?.string == "16.5")
        #expect(metadata.entries[.createDate]?.source.hasPrefix("QuickTime") == true)
        #expect(MediaRow(metadata: metadata).takenAt?.utcText == "2021-01-06T19:05:10Z")
        #expect(metadata[.dateTimeOriginal]?.string == "06/01/2021 14:05", "kept as text")
        for expected in [
            "not in exiftool's YYYY:MM:DD HH:MM:SS form", "is not a ±HH:MM offset", "is not a whole number",
            "exiftool warning: [minor] odd", "exiftool error: File format error",
        ] {
            #expect(metadata.warnings.contains { $0.contains(expected) }, "\(expected): \(metadata.warnings)")
        }
        // A photo's ungrouped CreateDate is local time: no taken_at from it.
        let photo = try Self.metadata(
            #"{"SourceFile": "p.jpg", "FileType": "JPEG", "CreateDate": "2021:01:06 19:05:10"}"#)
        #expect(MediaRow(metadata: photo).takenAt == nil)
        // -l: each value is an object with "val" and "num".
        let long = try Self.metadata(
            #"{"SourceFile": "l.jpg", "GPSLatitude": {"desc": "GPS Latitude", "num": 1.5, "val": "1 deg 30' 0.00\" N"}, "GPSLongitude": {"val": "2 deg 0' 0.00\" W"}}"#
        )
        #expect(long.latitude == 1.5 && long.longitude == -2)
    }

    @Test func elementsThatAreNoExiftoolObjects() {
        for (json, message) in [
            ("42", "a number"), ("[]", "an array"), (#"{"FileType": "JPEG"}"#, "without SourceFile"),
            (#"{"SourceFile": 7}"#, "a number, not a file path"), (#"{"SourceFile": ""}"#, "a string, not a file path"),
        ] {
            do {
                _ = try ExifToolObject(json: JSONParser.parse(Array(json.utf8)))
                Issue.record("\(json) was accepted")
            } catch {
                #expect("\(error)".contains(message), "\(json): \(error)")
            }
        }
    }
}
