import BinaryParsing
import Foundation
import FuzzFindings
import MediaMetadata
import Testing

/// Replays every input the fuzzer stored in Fuzz/Findings/media (scripts/fuzz --target media): each
/// must now be parsed or rejected quickly, never trap. A new finding becomes a case here by being
/// copied into that folder.
@Suite struct MediaFuzzFindingsTests {
    @Test func everyStoredFindingIsHandled() throws {
        for (name, bytes) in try FuzzFindings.inputs("media") {
            let start = ContinuousClock.now
            _ = try? MetadataExtractor.extract(from: MemoryByteSource(bytes), fileName: name)
            #expect(ContinuousClock.now - start < .seconds(5), "\(name) took \(ContinuousClock.now - start)")
        }
    }
}
