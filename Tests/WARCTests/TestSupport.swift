import Foundation

@testable import WARC

/// Helpers shared by the WARC tests: temporary directories, sample HTTP messages, file surgery.
enum TestSupport {
    /// A fresh empty directory under the system's temporary directory.
    static func makeTemporaryDirectory() throws -> String {
        let base = FileManager.default.temporaryDirectory.path
        let path = base + "/vestige-warc-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    static func read(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func files(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    /// `record` as the caller built it: without the WARC-Warcinfo-ID header the writer adds.
    static func unstamped(_ record: WARCRecord?) -> WARCRecord? {
        guard let record else { return nil }
        let fields = record.headers.fields.filter { $0.name != "WARC-Warcinfo-ID" }
        return WARCRecord(version: record.version, headers: WARCHeaders(fields), block: record.block)
    }

    static let info = WARCInfoFields(
        software: "vestige/0.0.0-test", hostname: "test-host", robots: "obey",
        operatorContact: "Test Operator <ops@example.org>", userAgent: "vestige-test (+https://example.org/bot)")

    /// A non-chunked HTTP response with a Content-Length.
    static func response(body: String, contentType: String = "text/html; charset=utf-8", status: String = "200 OK")
        -> [UInt8]
    {
        let bytes = Array(body.utf8)
        let head =
            "HTTP/1.1 \(status)\r\nContent-Type: \(contentType)\r\nContent-Length: \(bytes.count)\r\n"
            + "Date: Wed, 25 Nov 2026 14:30:00 GMT\r\n\r\n"
        return Array(head.utf8) + bytes
    }

    /// A chunked HTTP response whose body is `chunks`, optionally without the final chunk.
    static func chunkedResponse(chunks: [String], complete: Bool = true) -> [UInt8] {
        var text = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
        for chunk in chunks {
            text += String(chunk.utf8.count, radix: 16) + "\r\n" + chunk + "\r\n"
        }
        if complete { text += "0\r\n\r\n" }
        return Array(text.utf8)
    }

    static func request(url: String) -> [UInt8] {
        var headers = WARCHeaders()
        headers.append("User-Agent", "vestige-test")
        headers.append("Accept", "*/*")
        return HTTPRequestBlock.make(url: url, headers: headers) ?? []
    }

    /// True when `python3 -c "import warcio"` succeeds.
    static let warcioAvailable: Bool = {
        (try? run("/usr/bin/env", ["python3", "-c", "import warcio"]).status) == 0
    }()

    /// Runs a program and returns its exit status and combined output.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
