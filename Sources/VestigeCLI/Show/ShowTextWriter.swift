import WARC

/// `vestige show` for people: where the record is, its WARC headers, HTTP headers and payload.
enum ShowTextWriter {
    /// Text payloads longer than this are cut on screen (--output writes them whole).
    static let textLimit = 1 << 20

    static func write(_ shown: ShownRecord, outputFile: String?, written: Int?, to sink: inout some TextSink) {
        let record = shown.entry.record
        sink.write("# \(shown.place.file) @ \(shown.place.offset) (\(shown.entry.length) bytes in the file)\n")
        sink.write("\n## WARC record\n\(record.version)\n")
        for field in record.headers { sink.write("\(field.name): \(field.value)\n") }
        if let http = shown.http {
            sink.write(
                "\n## HTTP response\n\(http.httpVersion) \(http.statusCode.map(String.init) ?? "?") \(http.reason)\n")
            for field in http.headers { sink.write("\(field.name): \(field.value)\n") }
        }
        var about = "\(shown.payload.count) bytes"
        if let type = shown.mediaType { about = type + ", " + about }
        if let coding = shown.contentEncoding, let decoded = shown.decoded, coding.lowercased() != "identity" {
            about += ", \(coding)-decoded to \(decoded.count) bytes"
        } else if let coding = shown.contentEncoding, shown.decoded == nil {
            about += ", Content-Encoding \(coding) could not be undone"
        }
        if let source = shown.payloadSource {
            about += "; revisit: payload of the original capture \(source.file) @ \(source.offset)"
        }
        sink.write("\n## Payload (\(about))\n")
        if let outputFile, let written {
            sink.write("written to \(outputFile) (\(written) bytes)\n")
        } else if shown.payload.isEmpty {
            sink.write(record.type == .revisit ? "(none: revisit record, original not found)\n" : "(empty)\n")
        } else if let text = shown.text {
            if text.utf8.count > textLimit {
                sink.write(String(decoding: text.utf8.prefix(textLimit), as: UTF8.self))
                sink.write("\n… (cut at \(textLimit) bytes; use --output FILE for all of it)\n")
            } else {
                sink.write(text.hasSuffix("\n") ? text : text + "\n")
            }
        } else {
            let bytes = shown.decoded ?? shown.payload
            sink.write(
                "binary, \(bytes.count) bytes, SHA-256 \(FileDigest.hex(FileDigest.sha256(bytes)))\n"
                    + "starts with \(FileDigest.hex(bytes.prefix(16)))\n"
                    + "write it out with --output FILE\n")
        }
    }
}
