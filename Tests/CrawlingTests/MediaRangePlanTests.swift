import BinaryParsing
import Crawling
import Testing
import WARC

/// The range planner and the sparse file it feeds, on hand-made and hostile headers.
@Suite struct MediaRangePlanTests {
    static func box(_ type: String, size: Int, payload: [UInt8] = []) -> [UInt8] {
        let header = [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: size >> $0) } + Array(type.utf8)
        return header + payload
    }

    @Test func kindsComeFromTheExtension() {
        #expect(MediaRangePlan.kind(forPath: "/m/a.JPG") == .jpeg)
        #expect(MediaRangePlan.kind(forPath: "/m/v.mov") == .isoBMFF)
        #expect(MediaRangePlan.kind(forPath: "/m/v.3gp") == .isoBMFF)
        #expect(MediaRangePlan.kind(forPath: "/m/i.png") == nil)
        #expect(MediaRangePlan.kind(forPath: "/m/noextension") == nil)
    }

    @Test func moovAfterMdatIsFetchedFromItsOffset() {
        let ftyp = Self.box("ftyp", size: 16, payload: Array(repeating: 0, count: 8))
        let plan = MediaRangePlan(kind: .isoBMFF, size: 16 + 1_000_000 + 500)
        var known = SparseByteView()
        known.add(offset: 0, bytes: ftyp + Self.box("mdat", size: 1_000_000))
        #expect(plan.next(known: known) == .fetch(lower: 1_000_016, upper: 1_000_515))
        known.add(offset: 1_000_016, bytes: Self.box("moov", size: 500, payload: Array(repeating: 1, count: 492)))
        #expect(plan.next(known: known) == .done)
    }

    @Test func hostileBoxSizesEndThePlan() {
        let plan = MediaRangePlan(kind: .isoBMFF, size: 1 << 40)
        for header in [Self.box("free", size: 3), Self.box("moov", size: Int(UInt32.max))] {
            var known = SparseByteView()
            known.add(offset: 0, bytes: header)
            #expect(plan.next(known: known) == .done)
        }
        // A 64-bit size with the top bit set (negative in Int64 terms).
        var known = SparseByteView()
        known.add(offset: 0, bytes: Self.box("mdat", size: 1) + [0x80, 0, 0, 0, 0, 0, 0, 0])
        #expect(plan.next(known: known) == .done)
    }

    @Test func jpegSegmentsAreFollowedToTheStartOfScan() {
        // SOI, APP1 of 70,000 bytes (past the first chunk), then SOS.
        let plan = MediaRangePlan(kind: .jpeg, size: 200_000)
        var known = SparseByteView()
        known.add(offset: 0, bytes: [0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF] + Array(repeating: 0, count: 65_530))
        #expect(plan.next(known: known) == .fetch(lower: 65_536, upper: 65_536 + MediaRangePlan.chunk - 1))
        known.add(offset: 65_536, bytes: Array(repeating: 0, count: 1) + [0xFF, 0xDA, 0, 0])
        #expect(plan.next(known: known) == .done)
        var notJPEG = SparseByteView()
        notJPEG.add(offset: 0, bytes: Array("GIF89a".utf8))
        #expect(plan.next(known: notJPEG) == .done)
    }

    @Test func sparseSourceReadsStopAtGaps() throws {
        let source = SparseByteSource(
            size: 100, segments: [(10, [1, 2, 3]), (0, [9, 9]), (12, [4, 5]), (98, [7, 7, 7])])
        #expect(try source.read(at: 0, count: 5) == [9, 9])
        #expect(try source.read(at: 11, count: 10) == [2, 3, 5])
        #expect(try source.read(at: 5, count: 2) == [])
        #expect(try source.read(at: 98, count: 10) == [7, 7])
        #expect(source.knownBytes == 8)
    }

    @Test func contentRangeIsParsedStrictly() {
        #expect(HTTPContentRange("bytes 0-99/1000") == HTTPContentRange("bytes 0-99/1000"))
        #expect(HTTPContentRange("bytes 0-99/1000")?.total == 1000)
        #expect(HTTPContentRange("bytes 0-99/*") == nil)
        #expect(HTTPContentRange("bytes 50-10/1000") == nil)
        #expect(HTTPContentRange("bytes 0-1000/1000") == nil)
        #expect(HTTPContentRange("items 0-1/2") == nil)
        #expect(HTTPContentRange(nil) == nil)
    }
}
