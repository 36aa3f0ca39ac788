import BinaryParsing
import MediaMetadata
import Testing

@Suite struct JPEGParserTests {
    func extract(_ bytes: [UInt8]) throws -> MediaMetadata {
        try MetadataExtractor.extract(from: MemoryByteSource(bytes), fileName: "test.jpg")
    }

    @Test func truncatedAPP1KeepsFileTypeAndWarns() throws {
        var builder = TIFFBuilder()
        builder.ifds = [[(0x010F, .ascii("Apple"))]]
        let whole = jpeg(exif: builder.bytes())
        let metadata = try extract(Array(whole.prefix(20)))
        #expect(metadata[.fileType] == .text("JPEG"))
        #expect(metadata[.make] == nil)
        #expect(metadata.warnings.contains { $0.hasPrefix("JPEG format error") })
    }

    @Test func fillBytesAndRestartMarkersAreSkipped() throws {
        var bytes = jpeg()
        bytes.insert(contentsOf: [0xFF, 0xFF, 0xFF], at: 2)
        let metadata = try extract(bytes)
        #expect(metadata[.imageWidth] == .integer(64))
        #expect(metadata[.imageHeight] == .integer(48))
    }

    @Test func xmpOnlyFileGivesDatesWithOffset() throws {
        let xmp = """
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:xap="http://ns.adobe.com/xap/1.0/" xap:CreateDate="2010-04-13T09:37:22+02:00"/>
            </rdf:RDF></x:xmpmeta>
            """
        let metadata = try extract(jpeg(xmp: xmp))
        #expect(metadata[.createDate] == .text("2010:04:13 09:37:22+02:00"))
        #expect(metadata.entries[.createDate]?.source == "XMP(APP1):CreateDate")
    }

    @Test func exifWinsOverXMP() throws {
        var builder = TIFFBuilder()
        builder.ifds = [
            [(0x8825, .ifd(1))],
            [
                (1, .ascii("N")), (2, .rationals([(48, 1), (51, 1), (3024, 100)])), (3, .ascii("E")),
                (4, .rationals([(2, 1), (17, 1), (402, 10)])),
            ],
        ]
        let xmp = """
            <rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/">
            <exif:GPSLatitude>40,41.352N</exif:GPSLatitude><exif:GPSLongitude>74,2.67W</exif:GPSLongitude>
            </rdf:Description>
            """
        let both = try extract(jpeg(exif: builder.bytes(), xmp: xmp))
        #expect(abs((both.latitude ?? 0) - 48.8584) < 1e-6)
        let xmpOnly = try extract(jpeg(xmp: xmp))
        #expect(abs((xmpOnly.latitude ?? 0) - 40.6892) < 1e-6)
        #expect(abs((xmpOnly.longitude ?? 0) - -74.0445) < 1e-6)
    }

    @Test func extendedXMPIsReassembled() throws {
        let packet = Array(
            #"<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:DateTimeOriginal="2021-01-06T14:15:16-05:00"/>"#
                .utf8)
        let guid = Array(String(repeating: "A", count: 32).utf8)
        func chunk(_ offset: Int, _ data: ArraySlice<UInt8>) -> [UInt8] {
            let payload =
                Array("http://ns.adobe.com/xmp/extension/\0".utf8) + guid
                + [0, 0, UInt8(packet.count >> 8), UInt8(packet.count & 0xFF)]
                + [0, 0, UInt8(offset >> 8), UInt8(offset & 0xFF)] + data
            let length = payload.count + 2
            return [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
        }
        let half = packet.count / 2
        // Chunks out of order, as writers may emit them.
        let metadata = try extract(jpeg(extraSegments: [chunk(half, packet[half...]), chunk(0, packet[..<half])]))
        #expect(metadata[.dateTimeOriginal] == .text("2021:01:06 14:15:16-05:00"))
    }

    @Test func segmentLengthBelowTwoStops() throws {
        let bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x01, 0xFF, 0xD9]
        let metadata = try extract(bytes)
        #expect(metadata.warnings.contains { $0.contains("runs past the end") || $0.contains("JPEG format error") })
    }

    @Test func noMarkerWhereOneShouldBe() throws {
        let metadata = try extract([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0x12, 0x34])
        #expect(metadata[.fileType] == .text("JPEG"))
        #expect(!metadata.warnings.isEmpty)
    }
}
