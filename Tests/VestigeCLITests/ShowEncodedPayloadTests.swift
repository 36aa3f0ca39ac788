import Foundation
import Testing
import VestigeCLI

@testable import WARC

/// `vestige show` on a planted WARC (no index): a chunked, gzip-encoded response is shown
/// decoded, and `--output` writes it decoded, or as archived with `--raw`.
@Suite struct ShowEncodedPayloadTests {
    @Test func gzipEncodedChunkedPayloadIsDecodedUnlessRaw() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("show-gzip-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = "Grüße, hello gzip world\n"
        let encoded = try #require(GzipDeflater().member(Array(text.utf8)))
        let http =
            Array(
                ("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Encoding: gzip\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n" + String(encoded.count, radix: 16) + "\r\n").utf8)
            + encoded + Array("\r\n0\r\n\r\n".utf8)
        let writer = try WARCWriter(
            directory: folder + "/warc", prefix: "planted", info: WARCInfoFields(software: "test"))
        let location = try writer.write(WARCRecordBuilder.response(targetURI: "http://127.0.0.1/g", httpResponse: http))
        try writer.close()
        let record = "\(location.filename):\(location.offset)"

        var output = StringSink()
        try ShowCommand.parse(["--archive", folder, record]).perform(output: &output)
        #expect(output.text.contains("Content-Encoding: gzip"))
        #expect(output.text.contains("gzip-decoded to \(text.utf8.count) bytes"), "\(output.text)")
        #expect(output.text.hasSuffix(text))

        let decodedPath = folder + "/decoded.txt"
        output = StringSink()
        try ShowCommand.parse(["--archive", folder, record, "--output", decodedPath]).perform(output: &output)
        #expect(try String(contentsOfFile: decodedPath, encoding: .utf8) == text)
        let rawPath = folder + "/raw.gz"
        output = StringSink()
        try ShowCommand.parse(["--archive", folder, record, "--output", rawPath, "--raw"]).perform(output: &output)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: rawPath))) == encoded)
        // The index is not needed for FILE:OFFSET, and a record id is found by reading the files.
        output = StringSink()
        try ShowCommand.parse(["--archive", folder, location.recordID]).perform(output: &output)
        #expect(output.text.hasSuffix(text))
    }
}
