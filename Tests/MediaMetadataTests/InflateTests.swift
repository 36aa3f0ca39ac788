import BinaryParsing
import Foundation
import FuzzFindings
import Testing

@testable import MediaMetadata

/// The DEFLATE decoder against streams Python's zlib wrote (stored, fixed and dynamic Huffman
/// blocks), real PNG image data, and broken or hostile streams, which must fail with the right
/// `Inflate.Failure`, quickly.
@Suite struct InflateTests {
    static let text = Array(String(repeating: "hello, hello, hello vestige! ", count: 3).utf8)

    /// `zlib.compress(text, 0)`: one stored block.
    static let stored: [UInt8] =
        [0x78, 0x01, 0x01, 0x57, 0x00, 0xA8, 0xFF] + text + [0x49, 0x9C, 0x1E, 0x85]
    /// `zlib.compress(text, 9)`: fixed Huffman codes with back references.
    static let fixed: [UInt8] = [
        0x78, 0xDA, 0xCB, 0x48, 0xCD, 0xC9, 0xC9, 0xD7, 0x51, 0xC8, 0x40, 0xA2, 0x14, 0xCA, 0x52, 0x8B, 0x4B, 0x32,
        0xD3, 0x53, 0x15, 0x51, 0x44, 0x49, 0x93, 0x04, 0x00, 0x49, 0x9C, 0x1E, 0x85,
    ]
    /// `zlib.compress(bytes(100000), 9)`: 100,000 zeros in 120 bytes (dynamic codes, long copies).
    static let zeros: [UInt8] =
        [0x78, 0xDA, 0xED, 0xC1, 0x31, 0x01, 0x00, 0x00, 0x00, 0xC2, 0xA0, 0xF5, 0x4F, 0x6D, 0x0D, 0x0F, 0xA0]
        + [UInt8](repeating: 0, count: 96) + [0x80, 0x57, 0x03, 0x86, 0xAF, 0x00, 0x01]

    @Test func inflatesStoredFixedAndDynamicBlocks() throws {
        #expect(try Inflate.zlib(Self.stored[...]) == Self.text)
        #expect(try Inflate.zlib(Self.fixed[...]) == Self.text)
        #expect(try Inflate.zlib(Self.zeros[...]) == [UInt8](repeating: 0, count: 100_000))
        #expect(try Inflate.raw(Self.fixed.dropFirst(2).dropLast(4)) == Self.text)
    }

    @Test func inflatesPNGImageDataToItsExactSize() throws {
        // The sample corpus's PNG (dynamic codes written by a real encoder) and the fixtures':
        // an 8-bit image inflates to height × (1 + width × channels) bytes.
        var files = try FileManager.default.contentsOfDirectory(
            atPath: TestData.fixtures.appendingPathComponent("png-compressed").path
        ).filter { $0.hasSuffix(".png") }.map { TestData.fixtures.appendingPathComponent("png-compressed/\($0)") }
        if let samples = TestData.sharedSamples {
            files.append(samples.appendingPathComponent("images/synthetic/png_exif_after_idat.png"))
        }
        for url in files {
            let bytes = Array(try Data(contentsOf: url))
            var reader = ByteReader(bytes)
            var data: [UInt8] = []
            var expected = 0
            var offset = 8
            while let length = reader.uint32(at: offset).map(Int.init),
                let body = reader.slice(at: offset + 8, count: length)
            {
                let name = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
                if name == "IHDR", let width = ByteReader(body).uint32(at: 0),
                    let height = ByteReader(body).uint32(at: 4)
                {
                    let channels = [0: 1, 2: 3, 4: 2, 6: 4][Int(body[body.startIndex + 9])] ?? 1
                    expected = Int(height) * (1 + Int(width) * channels)
                }
                if name == "IDAT" { data += body }
                offset += 12 + length
                _ = reader.seek(to: 0)
            }
            #expect(try Inflate.zlib(data[...]).count == expected, "\(url.lastPathComponent)")
        }
    }

    @Test func rejectsBrokenStreams() {
        func failure(_ bytes: [UInt8], limit: Int = Inflate.defaultLimit) -> Inflate.Failure? {
            do {
                _ = try Inflate.zlib(bytes[...], limit: limit)
                return nil
            } catch {
                return error
            }
        }
        #expect(failure([]) == .truncated)
        #expect(failure([0x78]) == .truncated)
        #expect(failure([0x79, 0xDA, 0x03, 0x00]) == .badHeader)  // compression method 9
        #expect(failure([0x78, 0xDB, 0x03, 0x00]) == .badHeader)  // header check fails
        #expect(failure([0x78, 0xBB, 0x06, 0x2C, 0x02, 0x15]) == .presetDictionary)
        #expect(failure(Array(Self.fixed.dropLast(2))) == .truncated)  // checksum cut short
        #expect(failure(Array(Self.fixed.dropLast(8))) == .truncated)  // data cut short
        var checksum = Self.fixed
        checksum[checksum.count - 1] ^= 1
        #expect(failure(checksum) == .badChecksum)
        #expect(failure([0x78, 0x01, 0x07]) == .invalidBlockType)  // final block, type 3
        #expect(failure([0x78, 0x01, 0x01, 0x05, 0x00, 0x00, 0x00]) == .invalidStoredLength)
        // Fixed block: length 3 (symbol 257), distance 1 with no output yet.
        #expect(failure([0x78, 0x01, 0x03, 0x02]) == .distanceTooFar)
        #expect(failure(Self.zeros, limit: 1000) == .outputLimit(1000))
        var stored = Self.stored
        #expect(failure(stored, limit: 10) == .outputLimit(10))
        stored[7] = 0  // a changed byte of text: the checksum no longer matches
        #expect(failure(stored) == .badChecksum)
    }

    @Test func rejectsImpossibleHuffmanCodes() {
        func failure(_ raw: [UInt8]) -> Inflate.Failure? {
            do {
                _ = try Inflate.raw(raw[...])
                return nil
            } catch {
                return error
            }
        }
        // Dynamic block: 257 literal and 1 distance code, then 4 code-length codes all 7 bits long,
        // an incomplete code-length code, which zlib refuses.
        #expect(failure([0x05, 0x00, 0xFE, 0x1F]) == .invalidCode)
        // The same with lengths 1, 1, 1: over-subscribed.
        #expect(failure([0x05, 0x00, 0x92, 0x00]) == .invalidCode)
        // A block that ends before its header is complete.
        #expect(failure([0x05]) == .truncated)
    }

    @Test func randomBytesFailOrInflateWithinTheLimit() {
        // Raw DEFLATE from random bytes: each input fails or inflates within the limit, quickly.
        var random = SplitMix64(seed: 42)
        var inflated = 0
        var failed = 0
        let start = ContinuousClock.now
        for _ in 0..<2000 {
            let bytes = (0..<(1 + random.below(64))).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            do {
                let output = try Inflate.raw(bytes[...], limit: 1 << 16)
                #expect(output.count <= 1 << 16)
                inflated += 1
            } catch {
                failed += 1
            }
        }
        #expect(inflated + failed == 2000)
        #expect(failed > 0)
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test func adler32MatchesKnownValues() {
        #expect(Inflate.adler32([]) == 1)
        #expect(Inflate.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(Inflate.adler32([UInt8](repeating: 0xFF, count: 100_000)) == 0x149A_302C)
    }
}
