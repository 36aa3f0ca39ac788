import Foundation
import Testing

@testable import WARC

@Suite struct WACZWriterTests {
    @Test(arguments: ["../x", "/etc/passwd", "a/../b", "a//b", "a\\b", "", "./a", "a/", "a\u{0}b"])
    func unsafeEntryNamesAreRefused(_ name: String) throws {
        #expect(!WACZWriter.isSafeEntryName(name))
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let writer = try WACZWriter(path: directory + "/out.wacz")
        #expect(throws: WARCError.self) { try writer.addData(name, [1]) }
    }

    @Test func safeFileNamesStayOneComponent() {
        #expect(WACZWriter.safeFileName("vestige-2026-00001.warc.gz") == "vestige-2026-00001.warc.gz")
        #expect(WACZWriter.safeFileName("../../etc/passwd") == "_._.._etc_passwd")
        #expect(WACZWriter.safeFileName("..") == "_.")
        #expect(WACZWriter.isSafeEntryName("archive/" + WACZWriter.safeFileName("/abs/päth name.warc")))
    }

    @Test func entriesAreStoredWithRightCRCsAndListed() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let source = directory + "/data.warc.gz"
        let payload = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try TestSupport.write(payload, to: source)
        let path = directory + "/out.wacz"
        let writer = try WACZWriter(path: path)
        try writer.addFile("archive/data.warc.gz", from: source)
        try writer.addData("pages/pages.jsonl", Array("{}\n".utf8))
        try writer.addData("indexes/empty.cdxj", [])
        try writer.finish(title: "t", created: "2026-01-01T00:00:00Z", software: "test")
        #expect(writer.resources.map(\.path) == ["archive/data.warc.gz", "pages/pages.jsonl", "indexes/empty.cdxj"])
        #expect(writer.resources[0].hash == "sha256:" + FileDigest.hex(FileDigest.sha256(payload)))
        #expect(writer.resources[0].bytes == 300_000)
        #expect(throws: WARCError.self) { try WACZWriter(path: path) }

        // The end of central directory record names 5 entries, and the first local header
        // is a stored entry (method 0) whose CRC-32 was patched in.
        let bytes = try TestSupport.read(path)
        let end = bytes.count - 22
        #expect(Array(bytes[end..<end + 4]) == [0x50, 0x4B, 0x05, 0x06])
        #expect(bytes[end + 10] == 5)
        #expect(Array(bytes[0..<4]) == [0x50, 0x4B, 0x03, 0x04])
        #expect(bytes[8] == 0 && bytes[9] == 0)
        #expect(Array(bytes[14..<18]) != [0, 0, 0, 0])
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")
            || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/python3")
        {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "python3", "-c",
                "import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; "
                    + "assert all(i.compress_type == 0 for i in z.infolist()); print(len(z.read('archive/data.warc.gz')))",
                path,
            ]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "300000")
        }
    }
}
