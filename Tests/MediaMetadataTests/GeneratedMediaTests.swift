import BinaryParsing
import Foundation
import MediaMetadata
import Testing

/// Media made on the spot by `scripts/make-test-media` (exiftool and ffmpeg: other cameras'
/// layouts, phones' videos) against exiftool's own reading of them.
@Suite struct GeneratedMediaTests {
    static let toolsPresent = ["exiftool", "ffmpeg"].allSatisfy { tool in
        ProcessInfo.processInfo.environment["PATH", default: "/usr/bin:/bin"].split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)")
        }
    }

    /// Files where vestige deliberately reports more than exiftool, and why.
    static let knownExtras: [String: String] = [
        // exiftool drops a movie whose moov box is cut short; vestige keeps the complete child
        // boxes (mvhd) and warns, so the capture time is not lost.
        "mp4_truncated_moov.mp4": "CreateDate Duration"
    ]

    @Test(.enabled(if: toolsPresent, "needs exiftool and ffmpeg (scripts/setup --test-tools installs them)"))
    func matchesExiftoolOnGeneratedMedia() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("vestige-media-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = root.appendingPathComponent("scripts/make-test-media")
        process.arguments = [output.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "scripts/make-test-media failed")
        let expected = try ExpectedFile.load(output.appendingPathComponent("expected.json"))
        #expect(expected.count >= 20)
        for file in expected {
            let path = output.appendingPathComponent(file.sourceFile).path
            let metadata = try MetadataExtractor.extract(from: FileByteSource(path: path), fileName: path)
            let allowed = Self.knownExtras[file.sourceFile]?.split(separator: " ").map { "\($0): extra value" } ?? []
            let problems = file.differences(from: metadata, tolerance: file.sourceFile.contains("loci") ? 1e-4 : 1e-6)
                .filter { problem in !allowed.contains { problem.hasPrefix($0) } }
            #expect(problems.isEmpty, "\(file.sourceFile): \(problems.joined(separator: "; "))")
        }
    }
}
