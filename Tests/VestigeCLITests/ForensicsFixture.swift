import Foundation
import VestigeCLI

/// A real archive for the forensics tests: `vestige demo` crawls the sample platform on loopback
/// into it and indexes it, once per test run, and removed when the test process exits. Tests that
/// change an archive work on a copy.
enum ForensicsFixture {
    private static let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("vestige-forensics-\(UUID().uuidString)").path

    private static let built = Task<String, any Error> {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        atexit { try? FileManager.default.removeItem(atPath: ForensicsFixture.folder) }
        var demo = try DemoCommand.parse(["--dir", folder, "--data", root.appendingPathComponent("Samples").path])
        try await demo.run()
        return folder
    }

    /// The shared archive folder (do not change it).
    static func archive() async throws -> String { try await built.value }

    /// A fresh copy of the archive that the caller may change and must remove.
    static func copy() async throws -> String {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("vestige-forensics-copy-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: try await archive(), toPath: folder)
        return folder
    }

    /// The archive's WARC file names.
    static func warcFiles(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder + "/warc").filter { $0.hasSuffix(".warc.gz") }
            .sorted()
    }
}
