import BinaryParsing
import Foundation
import FuzzFindings
import MediaMetadata
import Testing

/// Every gap fixture cut short at many lengths and with bits flipped and bytes overwritten: each
/// damaged copy must come back as metadata or as a `MetadataError`, quickly, never as a trap.
@Suite struct GapFixtureDamageTests {
    /// Damaged copies of `bytes`: prefixes (every length up to 96 bytes, then about 120 more
    /// spread over the file), 150 single bit flips and 50 runs of 1–8 random bytes.
    static func damaged(_ bytes: [UInt8], seed: UInt64) -> [[UInt8]] {
        var copies: [[UInt8]] = []
        let step = max(1, bytes.count / 120)
        for length in Array(0..<min(96, bytes.count)) + Array(stride(from: 96, to: bytes.count, by: step)) {
            copies.append(Array(bytes.prefix(length)))
        }
        var random = SplitMix64(seed: seed)
        for _ in 0..<150 {
            var copy = bytes
            let index = random.below(copy.count)
            copy[index] ^= UInt8(1 << random.below(8))
            copies.append(copy)
        }
        for _ in 0..<50 {
            var copy = bytes
            let start = random.below(copy.count)
            for index in start..<min(copy.count, start + 1 + random.below(8)) {
                copy[index] = UInt8(truncatingIfNeeded: random.next())
            }
            copies.append(copy)
        }
        return copies
    }

    @Test(arguments: GapFixtures.all)
    func damagedCopiesNeverTrap(_ fixture: GapFixtures.Case) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: fixture.path)))
        let copies = Self.damaged(bytes, seed: UInt64(bytes.count))
        var results = 0
        var errors = 0
        let start = ContinuousClock.now
        for copy in copies {
            do {
                _ = try MetadataExtractor.extract(from: MemoryByteSource(copy), fileName: fixture.expected.sourceFile)
                results += 1
            } catch {
                errors += 1
            }
        }
        #expect(results + errors == copies.count)
        // Only the empty prefix and a few cut headers are unreadable; most copies still read.
        #expect(results > copies.count / 2, "\(fixture.key): \(errors) of \(copies.count) copies were errors")
        #expect(ContinuousClock.now - start < .seconds(20), "\(fixture.key) took \(ContinuousClock.now - start)")
    }
}
