import ArchiveIndex
import Foundation
import Testing

/// Replays every input the fuzzer stored in Fuzz/Findings/query (scripts/fuzz --target query): each
/// must now be parsed or rejected quickly, never trap. A new finding becomes a case here by being
/// copied into that folder.
@Suite struct QueryFuzzFindingsTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/Findings/query").path

    /// The stored findings (README files aside).
    static func findings() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter {
            !$0.hasPrefix("README") && !$0.hasPrefix(".")
        }
        .sorted()
    }

    @Test func everyStoredFindingIsHandled() throws {
        #expect(FileManager.default.fileExists(atPath: Self.folder), "\(Self.folder) is missing")
        for name in try Self.findings() {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/" + name)))
            let start = ContinuousClock.now
            if let query = try? SearchQueryParser.parse(String(decoding: bytes, as: UTF8.self)) { _ = query.ftsMatch }
            #expect(ContinuousClock.now - start < .seconds(5), "\(name) took \(ContinuousClock.now - start)")
        }
    }
}
