import Foundation

/// The inputs `scripts/fuzz` stored in `Fuzz/Findings/<target>`, for the tests that replay them:
/// each must be parsed or rejected quickly, never trap. A new finding becomes a test case by being
/// copied into that folder.
public enum FuzzFindings {
    /// `Fuzz/Findings/<target>` of this package.
    public static func folder(_ target: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/Findings/\(target)").path
    }

    /// Every stored finding of `target` (README files aside), by name; throws when the folder is missing.
    public static func inputs(_ target: String) throws -> [(name: String, bytes: [UInt8])] {
        let folder = folder(target)
        return try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { !$0.hasPrefix("README") && !$0.hasPrefix(".") }
            .sorted()
            .map { ($0, Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0)))) }
    }
}
