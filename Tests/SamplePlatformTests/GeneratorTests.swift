import Foundation
import Testing

/// The committed data is exactly what `scripts/make-sample-platform` writes (it is deterministic).
@Suite struct GeneratorTests {
    static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test(.enabled(if: python != nil, "needs python3"))
    func committedDataMatchesTheGenerator() throws {
        let samples = SampleFixture.dataDirectory
        let root = URL(fileURLWithPath: samples).deletingLastPathComponent().path
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "vestige-sample-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        // Without the shared media corpus the script keeps media/ as it finds it: give it the manifest.
        try FileManager.default.createDirectory(
            at: output.appendingPathComponent("media"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: samples + "/media/media.json", toPath: output.appendingPathComponent("media/media.json").path)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.python))
        process.arguments = [root + "/scripts/make-sample-platform", "--out", output.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        for file in [
            "platform/users.json", "platform/posts.json", "platform/epoch2.json", "platform-small/users.json",
            "platform-small/posts.json", "platform-small/epoch2.json", "media/media.json",
        ] {
            let committed = try Data(contentsOf: URL(fileURLWithPath: samples + "/" + file))
            let generated = try Data(contentsOf: output.appendingPathComponent(file))
            #expect(committed == generated, "Samples/\(file) differs from scripts/make-sample-platform's output")
        }
    }
}
