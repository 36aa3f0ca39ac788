import BinaryParsing
import MediaMetadata
import Testing

@Suite struct PNGWebPParserTests {
    static func crcless(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let n = UInt32(data.count)
        return [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + Array(type.utf8) + data
            + [0, 0, 0, 0]
    }

    static func exif() -> [UInt8] {
        var builder = TIFFBuilder()
        builder.ifds = [
            [(0x010F, .ascii("samsung")), (0x8825, .ifd(1))], [(1, .ascii("N")), (2, .rationals([(48, 1)]))],
        ]
        return builder.bytes()
    }

    @Test func pngExifAfterImageDataIsFound() throws {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += Self.crcless("IHDR", [0, 0, 0, 64, 0, 0, 0, 48, 8, 2, 0, 0, 0])
        png += Self.crcless("IDAT", Array(repeating: 0, count: 100))
        png += Self.crcless("eXIf", Self.exif())
        png += Self.crcless("IEND", [])
        let metadata = try MetadataExtractor.extract(from: MemoryByteSource(png), fileName: "a.png")
        #expect(metadata[.imageWidth] == .integer(64))
        #expect(metadata[.make] == .text("samsung"))
        #expect(metadata.latitude == 48)
    }

    @Test func pngChunkPastEndWarns() throws {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += [0x7F, 0xFF, 0xFF, 0xFF] + Array("IDAT".utf8)
        let metadata = try MetadataExtractor.extract(from: MemoryByteSource(png), fileName: "a.png")
        #expect(metadata.warnings.contains { $0.contains("runs past the end") })
    }

    static func riff(_ chunks: [(String, [UInt8])]) -> [UInt8] {
        var body = Array("WEBP".utf8)
        for (type, data) in chunks {
            let n = UInt32(data.count)
            body +=
                Array(type.utf8) + [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)] + data
            if data.count % 2 == 1 { body.append(0) }
        }
        let n = UInt32(body.count)
        return Array("RIFF".utf8) + [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)]
            + body
    }

    @Test(arguments: [false, true])
    func webpExifWithOrWithoutHeader(prefixed: Bool) throws {
        let exif = (prefixed ? Array("Exif\0\0".utf8) : []) + Self.exif()
        // VP8X canvas 64x48 (stored minus one, 24-bit little endian).
        let vp8x: [UInt8] = [0x08, 0, 0, 0, 63, 0, 0, 47, 0, 0]
        let vp8l: [UInt8] = [0x2F, 63, 0xC0, 0x0B, 0x00, 0]
        let webp = Self.riff([("VP8X", vp8x), ("VP8L", vp8l), ("EXIF", exif)])
        let metadata = try MetadataExtractor.extract(from: MemoryByteSource(webp), fileName: "a.webp")
        #expect(metadata[.fileType] == .text("Extended WEBP"))
        #expect(metadata[.imageWidth] == .integer(64))
        #expect(metadata[.imageHeight] == .integer(48))
        #expect(metadata[.make] == .text("samsung"))
    }

    @Test func simpleLossyWebPSize() throws {
        let vp8: [UInt8] = [0, 0, 0, 0x9D, 0x01, 0x2A, 0x40, 0x00, 0x30, 0x00]
        let metadata = try MetadataExtractor.extract(from: MemoryByteSource(Self.riff([("VP8 ", vp8)])), fileName: nil)
        #expect(metadata[.fileType] == .text("WEBP"))
        #expect(metadata[.imageWidth] == .integer(64))
        #expect(metadata[.imageHeight] == .integer(48))
    }

    @Test func unknownAndEmptyInputAreErrors() {
        #expect(throws: MetadataError.empty) {
            try MetadataExtractor.extract(from: MemoryByteSource([]), fileName: nil)
        }
        #expect(throws: MetadataError.unknownFormat) {
            try MetadataExtractor.extract(from: MemoryByteSource(Array("hello world".utf8)), fileName: nil)
        }
    }
}
