import Foundation
import Testing
import WARC

/// `vestige import` of files whose names, URLs and ids try to climb out of the archive
/// (`../`, absolute paths, WARC-Filename): nothing is written anywhere but the archive folder.
@Suite struct ImportPathTests {
    /// Every file and folder under `root`, as paths relative to it.
    static func tree(_ root: String) -> Set<String> {
        Set(FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? [])
    }

    @Test(
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: CrashRecoveryTests.binary),
            "needs .build/debug/vestige (swift build)"))
    func importWritesOnlyInsideTheArchiveFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vestige-paths-\(UUID().uuidString)")
            .path
        let inputs = folder + "/inputs"
        let archive = folder + "/nested/archive"
        try FileManager.default.createDirectory(atPath: inputs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }

        let hostile = ["../../escaped", "/tmp/escaped-\(UUID().uuidString)", "..%2F..%2Fescaped", "a/../../../escaped"]
        var records: [WARCRecord] = []
        for (index, name) in hostile.enumerated() {
            let html = Array("<html><title>\(name)</title><img src=\"\(name).jpg\"></html>".utf8)
            let http =
                Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: \(html.count)\r\n\r\n".utf8) + html
            records.append(
                WARCRecord(
                    headers: [
                        "WARC-Type": "response",
                        "WARC-Record-ID": "<urn:uuid:00000000-0000-0000-0000-00000000000\(index)>",
                        "WARC-Date": "2026-11-25T00:00:00Z", "WARC-Target-URI": "http://example.org/\(name)",
                        "WARC-Filename": name, "Content-Type": "application/http; msgtype=response",
                        "Content-Length": String(http.count),
                    ], block: http))
        }
        let warc = records.flatMap { $0.serialized() }
        _ = FileManager.default.createFile(atPath: inputs + "/hostile.warc", contents: Data(warc))
        let lines = hostile.map { name in
            #"{"platform":"../\#(name)","id":"\#(name)","url":"file:///\#(name)","author":"\#(name)","created_at":"2026-01-01T00:00:00Z","body":"x","media":[{"url":"\#(name).jpg"}]}"#
        }
        _ = FileManager.default.createFile(
            atPath: inputs + "/hostile.jsonl", contents: Data(lines.joined(separator: "\n").utf8))
        let before = Self.tree(folder)
        let outsideBefore = Set(
            try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
        ).filter {
            $0.contains("escaped")
        }

        let result = try CrashRecoveryTests.run([
            "import", "--archive", archive, inputs + "/hostile.warc", inputs + "/hostile.jsonl",
        ])
        #expect(result.status == 0, "\(result.errors)")

        let created = Self.tree(folder).subtracting(before)
        #expect(!created.isEmpty)
        for path in created {
            #expect(path == "nested" || path.hasPrefix("nested/archive"), "import wrote \(path)")
        }
        let outsideAfter = Set(
            try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
        ).filter {
            $0.contains("escaped")
        }
        #expect(outsideAfter == outsideBefore)
    }
}
