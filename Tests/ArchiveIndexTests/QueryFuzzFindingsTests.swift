import ArchiveIndex
import Foundation
import FuzzFindings
import Testing

/// Replays every input the fuzzer stored in Fuzz/Findings/query (scripts/fuzz --target query): each
/// must now be parsed or rejected quickly, never trap. A new finding becomes a case here by being
/// copied into that folder.
@Suite struct QueryFuzzFindingsTests {
    @Test func everyStoredFindingIsHandled() throws {
        for (name, bytes) in try FuzzFindings.inputs("query") {
            let start = ContinuousClock.now
            if let query = try? SearchQueryParser.parse(String(decoding: bytes, as: UTF8.self)) { _ = query.ftsMatch }
            #expect(ContinuousClock.now - start < .seconds(5), "\(name) took \(ContinuousClock.now - start)")
        }
    }
}
