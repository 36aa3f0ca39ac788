import Fetching
import Foundation
import FuzzFindings
import Testing

/// Replays every input the fuzzer stored in Fuzz/Findings/robots (scripts/fuzz --target robots): each
/// must now be parsed or rejected quickly, never trap. A new finding becomes a case here by being
/// copied into that folder.
@Suite struct RobotsFuzzFindingsTests {
    @Test func everyStoredFindingIsHandled() throws {
        for (name, bytes) in try FuzzFindings.inputs("robots") {
            let start = ContinuousClock.now
            let rules = RobotsRules(status: 200, body: bytes, userAgent: "vestige/0.1")
            _ = rules.allows("/" + String(decoding: bytes.prefix(4096), as: UTF8.self))
            #expect(ContinuousClock.now - start < .seconds(5), "\(name) took \(ContinuousClock.now - start)")
        }
    }
}
