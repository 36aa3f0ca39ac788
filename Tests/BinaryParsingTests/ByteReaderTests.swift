import BinaryParsing
import Testing

@Suite struct ByteReaderTests {
    @Test func readsBothByteOrders() {
        var big = ByteReader([0x12, 0x34, 0x56, 0x78])
        #expect(big.readUInt16() == 0x1234)
        #expect(big.readUInt16() == 0x5678)
        var little = ByteReader([0x12, 0x34, 0x56, 0x78], endianness: .little)
        #expect(little.readUInt32() == 0x7856_3412)
    }

    @Test func shortInputReturnsNilAndKeepsPosition() {
        var reader = ByteReader([0x01, 0x02, 0x03])
        #expect(reader.readUInt32() == nil)
        #expect(reader.position == 0)
        #expect(reader.readUInt8() == 1)
        #expect(reader.readUInt64() == nil)
        #expect(reader.readBytes(3) == nil)
        #expect(reader.readBytes(2) == [2, 3])
        #expect(reader.isAtEnd)
    }

    @Test func hostileOffsetsNeverTrap() {
        let reader = ByteReader([0xAA, 0xBB])
        for offset in [-1, Int.min, Int.max, Int.max - 1, 2, 3] {
            #expect(reader.uint16(at: offset) == nil)
            #expect(reader.uint64(at: offset) == nil)
            #expect(reader.slice(at: offset, count: 1) == nil)
        }
        #expect(reader.slice(at: 1, count: Int.max) == nil)
        var moving = reader
        let skippedHuge = moving.skip(Int.max)
        let seekedNegative = moving.seek(to: -5)
        let skippedNegative = moving.skip(-1)
        #expect(!skippedHuge && !seekedNegative && !skippedNegative)
        #expect(moving.position == 0)
    }

    @Test func readsCStringsAndFourCCs() {
        var reader = ByteReader(Array("ab\0moov".utf8))
        #expect(reader.readCString().map { Array($0) } == Array("ab".utf8))
        #expect(reader.readFourCC() == "moov")
        #expect(reader.readCString() == nil)
        #expect(FourCC("©xyz").description == "©xyz")
    }

    @Test func slicesKeepRelativeOffsets() {
        let bytes: [UInt8] = [0, 1, 2, 3, 4, 5]
        let reader = ByteReader(bytes[2...])
        #expect(reader.uint8(at: 0) == 2)
        #expect(reader.count == 4)
    }

    @Test func memorySourceClampsReads() throws {
        let source = MemoryByteSource([1, 2, 3, 4])
        #expect(try source.read(at: 2, count: 10) == [3, 4])
        #expect(try source.read(at: 10, count: 1) == [])
        #expect(try source.readExactly(at: 2, count: 3) == nil)
        #expect(try source.readExactly(at: Int.max, count: 1) == nil)
        let cached = try PrefixCachedSource(source, prefixLength: 2)
        #expect(try cached.read(at: 1, count: 3) == [2, 3, 4])
    }

    @Test func fileSourceReportsMissingFile() {
        #expect(throws: ByteSourceError.self) { try FileByteSource(path: "/nonexistent/vestige-test") }
    }
}
