import BinaryParsing
import MediaMetadata
import Testing

@Suite struct TIFFParserTests {
    func extract(_ bytes: [UInt8], name: String = "test.jpg") throws -> MediaMetadata {
        try MetadataExtractor.extract(from: MemoryByteSource(bytes), fileName: name)
    }

    /// IFD0 (Make, Exif pointer, GPS pointer), ExifIFD, GPS IFD.
    func camera(gps: [(UInt16, TIFFBuilder.Value)], bigEndian: Bool = false) -> TIFFBuilder {
        var builder = TIFFBuilder(bigEndian: bigEndian)
        builder.ifds = [
            [(0x010F, .ascii("Canon  ")), (0x0110, .ascii("EOS")), (0x8769, .ifd(1)), (0x8825, .ifd(2))],
            [(0x9003, .ascii("2023:06:15 12:30:45")), (0x9011, .ascii("+02:00"))],
            gps,
        ]
        return builder
    }

    @Test(arguments: [false, true])
    func readsSignedGPSInBothByteOrders(bigEndian: Bool) throws {
        let builder = camera(
            gps: [
                (1, .ascii("S")), (2, .rationals([(49, 1), (34, 1), (4296, 100)])), (3, .ascii("W")),
                (4, .rationals([(68, 1), (21, 1), (396, 100)])), (5, .short(1)), (6, .rationals([(105, 1)])),
                (7, .rationals([(10, 1), (30, 1), (4524, 100)])), (29, .ascii("2023:06:15")),
            ], bigEndian: bigEndian)
        let metadata = try extract(jpeg(exif: builder.bytes()))
        #expect(abs((metadata.latitude ?? 0) - -49.5786) < 1e-6)
        #expect(abs((metadata.longitude ?? 0) - -68.3511) < 1e-6)
        #expect(metadata[.gpsAltitude] == .real(-105))
        #expect(metadata[.gpsDateTime] == .text("2023:06:15 10:30:45.24Z"))
        #expect(metadata[.make] == .text("Canon"), "trailing blanks are removed as exiftool does")
        #expect(metadata[.dateTimeOriginal] == .text("2023:06:15 12:30:45"))
        #expect(metadata[.offsetTimeOriginal] == .text("+02:00"))
        #expect(metadata[.imageWidth] == .integer(64))
        #expect(metadata.entries[.gpsLatitude]?.source == "EXIF:GPS:0x0002")
    }

    @Test func zeroDenominatorsAreUnusableNotATrap() throws {
        let builder = camera(gps: [
            (1, .ascii("N")), (2, .rationals([(48, 1), (51, 0), (0, 0)])), (3, .ascii("E")),
            (4, .rationals([(2, 1), (17, 1), (402, 0)])), (5, .short(0)), (6, .rationals([(35, 0)])),
            (7, .rationals([(0, 0), (0, 0), (0, 0)])), (29, .ascii("2023:06:15")),
        ])
        let metadata = try extract(jpeg(exif: builder.bytes()))
        #expect(metadata[.gpsLatitude] == .unusable(""))
        #expect(metadata[.gpsLongitude] == .unusable(""))
        #expect(metadata[.gpsAltitude] == .unusable("inf"))
        #expect(metadata[.gpsDateTime] == nil)
        #expect(metadata.latitude == nil && !metadata.hasUsablePosition)
    }

    @Test func nullIslandIsReportedAndFlagged() throws {
        let builder = camera(gps: [
            (1, .ascii("N")), (2, .rationals([(0, 1), (0, 1), (0, 1)])), (3, .ascii("E")),
            (4, .rationals([(0, 1), (0, 1), (0, 1)])),
        ])
        let metadata = try extract(jpeg(exif: builder.bytes()))
        #expect(metadata.latitude == 0 && metadata.longitude == 0)
        #expect(metadata.isNullIsland && !metadata.hasUsablePosition)
    }

    @Test func ifdChainLoopIsCut() throws {
        var builder = camera(gps: [(1, .ascii("N")), (2, .rationals([(48, 1), (0, 1), (0, 1)]))])
        builder.next[0] = builder.offset(ofIFD: 0)  // IFD0 → IFD0 → …
        let metadata = try extract(jpeg(exif: builder.bytes()))
        #expect(metadata[.make] == .text("Canon"))
        #expect(metadata.latitude == 48)
        #expect(metadata.warnings.contains { $0.contains("references a previous directory") })
    }

    @Test func subIFDPointerBackToIFD0IsCut() throws {
        var builder = TIFFBuilder()
        builder.ifds = [
            [(0x010F, .ascii("Apple")), (0x8769, .ifd(0)), (0x8825, .ifd(1))],
            [(1, .ascii("N")), (2, .rationals([(1, 1)]))],
        ]
        let metadata = try extract(jpeg(exif: builder.bytes()))
        #expect(metadata[.make] == .text("Apple"))
        #expect(metadata.latitude == 1)
        #expect(!metadata.warnings.isEmpty)
    }

    @Test func hugeEntryCountAndWildOffsetsAreBounded() throws {
        // IFD0 claims 65535 entries; its one real entry points far past the end.
        var tiff: [UInt8] = Array("II".utf8) + [42, 0, 8, 0, 0, 0, 0xFF, 0xFF]
        tiff += [0x0F, 0x01, 2, 0, 0x00, 0x00, 0x01, 0x00, 0xFF, 0xFF, 0xFF, 0x7F]
        let metadata = try extract(jpeg(exif: tiff))
        #expect(metadata[.make] == nil)
        #expect(metadata[.imageWidth] == .integer(64))
        #expect(metadata.warnings.contains { $0.contains("claims 65535 entries") })
    }

    @Test func wrongPointerTypeLosesOnlyThatDirectory() throws {
        var builder = TIFFBuilder()
        builder.ifds = [[(0x010F, .ascii("Maker")), (0x8769, .ascii("garbage"))]]
        let metadata = try extract(jpeg(exif: builder.bytes()))
        #expect(metadata[.make] == .text("Maker"))
        #expect(metadata.warnings.contains { $0.contains("ExifIFD pointer has the wrong type") })
    }

    @Test func standaloneTIFFReportsItsOwnSize() throws {
        var builder = TIFFBuilder(bigEndian: true)
        builder.ifds = [[(0x0100, .long(4000)), (0x0101, .short(3000)), (0x0131, .ascii("Scanner 1.0"))]]
        let metadata = try extract(builder.bytes(), name: "scan.tif")
        #expect(metadata[.fileType] == .text("TIFF"))
        #expect(metadata[.imageWidth] == .integer(4000))
        #expect(metadata[.imageHeight] == .integer(3000))
        #expect(metadata[.software] == .text("Scanner 1.0"))
        let raw = try extract(builder.bytes(), name: "shot.NEF")
        #expect(raw[.fileType] == .text("NEF"))
    }

    /// A cut Exif block loses values, never invents or changes one (exiftool leaves a value whose
    /// bytes are cut off out), and never costs the JPEG's own fields (its SOF is outside the block).
    @Test(arguments: 0...64)
    func everyTruncationOfAnExifBlockLosesValuesButChangesNone(cut: Int) throws {
        let full = camera(gps: [(1, .ascii("N")), (2, .rationals([(48, 1), (51, 1), (0, 1)]))]).bytes()
        let whole = try extract(jpeg(exif: full))
        #expect(whole[.make] == .text("Canon"))
        #expect(whole[.dateTimeOriginal] == .text("2023:06:15 12:30:45"))
        #expect(abs((whole.latitude ?? 0) - 48.85) < 1e-6)
        let truncated = Array(full.prefix(full.count * cut / 64))
        let metadata = try extract(jpeg(exif: truncated))
        #expect(metadata[.fileType] == .text("JPEG"))
        #expect(metadata[.imageWidth] == .integer(64))
        #expect(metadata[.imageHeight] == .integer(48))
        for (field, entry) in metadata.entries {
            #expect(whole[field] == entry.value, "\(field) from \(entry.source) at \(cut)/64")
        }
        if cut == 64 { #expect(metadata == whole) }
    }
}
