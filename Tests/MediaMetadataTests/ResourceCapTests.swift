import BinaryParsing
import Foundation
import MediaMetadata
import Testing

/// Files built to exhaust memory or time: a 4 GB video that exists only as a sparse file, and
/// Exif fields claiming a billion values. Each is read in bounded time, keeping what is sound.
@Suite struct ResourceCapTests {
    @Test func sparseFourGigabyteVideoIsReadInBoundedTime() throws {
        // ftyp, a 4 GiB mdat that is a hole in a sparse file, then moov with the date and place.
        let moov = ISOBMFFParserTests.box(
            "moov", ISOBMFFParserTests.mvhd(),
            ISOBMFFParserTests.box("udta", ISOBMFFParserTests.textItem("©xyz", "+40.6892-074.0445/")))
        let ftyp = ISOBMFFParserTests.ftyp("isom")
        let mdatSize = UInt64(4 << 30)
        let head = ftyp + ISOBMFFParserTests.u32(1) + Array("mdat".utf8) + ISOBMFFParserTests.u64(mdatSize)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sparse-\(UUID().uuidString).mp4").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(head))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seek(toOffset: UInt64(ftyp.count) + mdatSize)
        try handle.write(contentsOf: Data(moov))
        try handle.close()
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.size] as? Int ?? 0) > 4 << 30)

        let start = ContinuousClock.now
        let metadata = try MetadataExtractor.extract(from: FileByteSource(path: path), fileName: "sparse.mp4")
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(metadata.latitude == 40.6892)
        #expect(metadata.longitude == -74.0445)
    }

    @Test func fieldsClaimingABillionValuesAreSkipped() throws {
        // IFD0: Make as ASCII with a count of one billion pointing into the file, and an Exif IFD
        // whose only entry is a RATIONAL array of a billion values; Model stays readable.
        var tiff: [UInt8] = Array("II".utf8) + [42, 0, 8, 0, 0, 0]
        tiff += [3, 0]  // three entries
        tiff += [0x0F, 0x01, 2, 0] + [0x00, 0xCA, 0x9A, 0x3B] + [38, 0, 0, 0]  // Make, 1e9 chars at 38
        tiff += [0x10, 0x01, 2, 0] + [4, 0, 0, 0] + Array("Cam\0".utf8)  // Model "Cam"
        tiff += [0x25, 0x88, 4, 0] + [1, 0, 0, 0] + [44, 0, 0, 0]  // GPS IFD at 44
        tiff += [0, 0, 0, 0]  // no next IFD
        tiff += Array("Maker\0".utf8)  // offset 38
        tiff += [1, 0]  // GPS IFD: one entry
        tiff += [0x02, 0x00, 5, 0] + [0x00, 0xCA, 0x9A, 0x3B] + [64, 0, 0, 0]  // GPSLatitude, 1e9 rationals
        tiff += [0, 0, 0, 0] + [UInt8](repeating: 1, count: 24)
        let start = ContinuousClock.now
        let metadata = try MetadataExtractor.extract(from: MemoryByteSource(jpeg(exif: tiff)), fileName: "billion.jpg")
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(metadata[.model] == .text("Cam"))
        #expect(metadata[.make] == nil)
        #expect(metadata.latitude == nil)
    }
}
