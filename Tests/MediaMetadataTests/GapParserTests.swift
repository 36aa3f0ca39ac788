import BinaryParsing
import Foundation
import Testing

@testable import MediaMetadata

/// Hand-made traps for the parsers of the gap fixtures: what exiftool cannot be asked about
/// (it follows a looping BigTIFF chain forever) or what needs a layout no tool writes.
@Suite struct GapParserTests {
    /// A little-endian BigTIFF: header, then IFD0 at 16 with `entries` (tag, type, count, value)
    /// and `next` as its next-IFD offset.
    static func bigTIFF(_ entries: [(UInt16, UInt16, UInt64, UInt64)], next: UInt64) -> [UInt8] {
        func le<T: FixedWidthInteger>(_ value: T) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }
        var bytes: [UInt8] = Array("II".utf8) + le(UInt16(43)) + le(UInt16(8)) + le(UInt16(0)) + le(UInt64(16))
        bytes += le(UInt64(entries.count))
        for (tag, type, count, value) in entries { bytes += le(tag) + le(type) + le(count) + le(value) }
        return bytes + le(next)
    }

    static func extract(_ bytes: [UInt8], _ name: String) throws -> MediaMetadata {
        try MetadataExtractor.extract(from: MemoryByteSource(bytes), fileName: name)
    }

    @Test func bigTIFFChainLoopingToItselfEnds() throws {
        // Make "DJI" inline (4 bytes fit the 8-byte field); the next IFD is IFD0 again.
        let make = UInt64(0x0049_4A44)
        let entries: [(UInt16, UInt16, UInt64, UInt64)] = [
            (0x010F, 2, 4, make), (0x0100, 16, 1, 640), (0x0101, 3, 1, 480),
        ]
        let metadata = try Self.extract(Self.bigTIFF(entries, next: 16), "loop.tif")
        #expect(metadata[.fileType] == .text("BTF"))
        #expect(metadata[.make] == .text("DJI"))
        #expect(metadata[.imageWidth] == .integer(640))
        #expect(metadata[.imageHeight] == .integer(480))
        #expect(metadata.warnings.contains { $0.contains("references a previous directory") })
    }

    @Test func bigTIFFOffsetsBeyondAnyFileAreSkipped() throws {
        // An Exif pointer, a string and the next IFD at offsets near 2^64 and past Int.max; an
        // entry count of 2^63; a width of 2^63 (no Int64). Nothing traps and nothing is read.
        let metadata = try Self.extract(
            Self.bigTIFF(
                [
                    (0x8769, 18, 1, UInt64.max - 4), (0x010F, 2, 1 << 40, UInt64(Int.max) + 2),
                    (0x0110, 2, 100, 1 << 62), (0x0100, 16, 1, 1 << 63),
                ], next: UInt64.max), "huge.tif")
        #expect(metadata[.make] == nil)
        #expect(metadata[.model] == nil)
        #expect(metadata[.imageWidth] == nil)
        var counted = Self.bigTIFF([], next: 0)
        counted.replaceSubrange(16..<24, with: [0, 0, 0, 0, 0, 0, 0, 0x80])
        #expect(try Self.extract(counted, "count.tif").warnings.contains { $0.contains("claims") })
    }

    @Test func embeddedExifWithBigTIFFMagicIsNotBigTIFF() throws {
        // exiftool reads BigTIFF only as a file; in a JPEG it is no Exif block.
        let block = Self.bigTIFF([(0x010F, 2, 4, 0x0049_4A44)], next: 0)
        let metadata = try Self.extract(jpeg(exif: block), "bigtiff-in.jpg")
        #expect(metadata[.make] == nil)
    }

    @Test func rawProfileTextIsDecoded() throws {
        let text = Array("\nexif\n       6\n4578 6966\n0000\n".utf8)[...]
        let decoded = try #require(PNGRawProfile.decode(text))
        #expect(decoded.declared == 6)
        #expect(decoded.bytes == Array("Exif\0\0".utf8))
        #expect(PNGRawProfile.decode(Array("exif\n 6\n00".utf8)[...]) == nil)  // no leading newline
        #expect(PNGRawProfile.decode(Array("\nexif\nsix\n00".utf8)[...]) == nil)
        var metadata = MediaMetadata()
        PNGRawProfile.read(
            Array("\nexif\n 99\n4578696600004d4d002a".utf8)[...], kind: .exif, keyword: "Raw profile type exif",
            chunk: "zTXt", into: &metadata)
        #expect(metadata.warnings.contains { $0.contains("wrong size") })
    }

    @Test func xmpGPSOfEqualStandingFollowsPacketOrder() {
        func packet(_ first: String, _ second: String) -> ArraySlice<UInt8> {
            Array(
                """
                <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                <rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:drone-dji="http://www.dji.com/drone-dji/1.0/"
                 \(first) \(second)/></rdf:RDF></x:xmpmeta>
                """.utf8)[...]
        }
        let exif = #"exif:GPSLatitude="10,30.0N""#
        let dji = #"drone-dji:GpsLatitude="-20.25""#
        var metadata = MediaMetadata()
        XMPParser.parse(packet(exif, dji), container: "test", into: &metadata)
        #expect(metadata.latitude == 10.5)
        metadata = MediaMetadata()
        XMPParser.parse(packet(dji, exif), container: "test", into: &metadata)
        #expect(metadata.latitude == -20.25)
        metadata = MediaMetadata()
        XMPParser.parse(packet(#"drone-dji:GpsLongtitude="5.5""#, dji), container: "test", into: &metadata)
        #expect(metadata.longitude == nil)
        #expect(metadata.warnings.contains { $0.contains("GpsLongtitude") })
    }

    @Test func flirSegmentsWithDisagreeingCountsAreDropped() {
        var segments = FLIRSegments()
        var metadata = MediaMetadata()
        let header = Array("FLIR\0\u{1}".utf8)
        #expect(segments.add((header + [0, 1] + [1, 2, 3])[...], into: &metadata) == nil)
        #expect(segments.add((header + [1, 2] + [4, 5])[...], into: &metadata) == nil)  // says 3 segments
        #expect(segments.add((header + [1, 1] + [4, 5])[...], into: &metadata) == nil)  // too late
        #expect(metadata.warnings.contains { $0.contains("extraneous") })
        var complete = FLIRSegments()
        #expect(complete.add((header + [1, 1] + [4, 5])[...], into: &metadata) == nil)
        #expect(complete.add((header + [0, 1] + [1, 2, 3])[...], into: &metadata) == [1, 2, 3, 4, 5])
        #expect(complete.add((header + [0, 1] + [9])[...], into: &metadata) == nil)  // read once
    }

    @Test func flirBlockWithRecordsOutsideItIsRejected() {
        var block = [UInt8](repeating: 0, count: 0x60)
        block.replaceSubrange(0..<4, with: Array("FFF\0".utf8))
        block.replaceSubrange(0x14..<0x20, with: [0, 0, 0, 100, 0, 0, 0, 0x40, 0, 0, 0, 1])
        // One record of type 0x2B at offset 0xFFFF_FFF0, length 0x40.
        block.replaceSubrange(
            0x40..<0x54, with: [0, 0x2B] + [UInt8](repeating: 0, count: 10) + [0xFF, 0xFF, 0xFF, 0xF0, 0, 0, 0, 0x40])
        var metadata = MediaMetadata()
        FLIRParser.parse(block, into: &metadata)
        #expect(metadata.latitude == nil)
        #expect(metadata.warnings.contains { $0.contains("invalid FFF record") })
        metadata = MediaMetadata()
        FLIRParser.parse(Array(block.prefix(0x50)), into: &metadata)  // directory cut short
        #expect(metadata.warnings.contains { $0.contains("truncated") })
    }

    @Test func webPFrameHeaderCutShortIsWarnedAbout() throws {
        func chunk(_ name: String, _ payload: [UInt8]) -> [UInt8] {
            Array(name.utf8) + withUnsafeBytes(of: UInt32(payload.count).littleEndian, Array.init) + payload
                + (payload.count % 2 == 1 ? [0] : [])
        }
        let body =
            Array("WEBP".utf8) + chunk("VP8X", [2, 0, 0, 0, 9, 0, 0, 4, 0, 0])
            + chunk("ANMF", [0, 0, 0, 0, 0, 0, 9, 0, 0, 4, 0, 0, 0xE8, 0x03, 0, 0]) + chunk("ANMF", [1, 2, 3])
        let bytes = Array("RIFF".utf8) + withUnsafeBytes(of: UInt32(body.count).littleEndian, Array.init) + body
        let metadata = try Self.extract(bytes, "anim.webp")
        #expect(metadata[.imageWidth] == .integer(10))
        #expect(metadata[.imageHeight] == .integer(5))
        #expect(metadata[.duration] == .integer(1))
        #expect(metadata.warnings.contains { $0.contains("too short for a frame header") })
    }
}
