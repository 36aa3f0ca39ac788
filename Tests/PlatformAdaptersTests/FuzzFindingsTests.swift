import Foundation
import FuzzFindings
import Testing

@testable import PlatformAdapters

/// Replays every input the fuzzer stored in Fuzz/Findings/json (scripts/fuzz --target json): each
/// must now be parsed or rejected quickly, never trap. A new finding becomes a case here by being
/// copied into that folder.
@Suite struct JSONReaderFuzzFindingsTests {
    @Test func everyStoredFindingIsHandled() throws {
        for (name, bytes) in try FuzzFindings.inputs("json") {
            let start = ContinuousClock.now
            _ = JSONReader.read(bytes)
            #expect(ContinuousClock.now - start < .seconds(5), "\(name) took \(ContinuousClock.now - start)")
        }
    }
}
