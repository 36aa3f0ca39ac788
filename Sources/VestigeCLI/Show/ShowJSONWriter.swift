import WARC

/// `vestige show --format json`: one object with the record's place, headers and payload.
enum ShowJSONWriter {
    static func json(_ shown: ShownRecord, outputFile: String?, written: Int?) -> String {
        let record = shown.entry.record
        var fields = [
            "\"file\": \(JSONText.quoted(shown.place.file))", "\"offset\": \(shown.place.offset)",
            "\"length\": \(shown.entry.length)", "\"warc_version\": \(JSONText.quoted(record.version))",
            "\"warc_headers\": \(headers(record.headers))",
        ]
        if let http = shown.http {
            fields.append(
                "\"http\": {\"version\": \(JSONText.quoted(http.httpVersion)), "
                    + "\"status\": \(http.statusCode.map(String.init) ?? "null"), "
                    + "\"reason\": \(JSONText.quoted(http.reason)), \"headers\": \(headers(http.headers))}")
        } else {
            fields.append("\"http\": null")
        }
        let bytes = shown.decoded ?? shown.payload
        var payload = [
            "\"bytes\": \(shown.payload.count)",
            "\"media_type\": \(shown.mediaType.map(JSONText.quoted) ?? "null")",
            "\"content_encoding\": \(shown.contentEncoding.map(JSONText.quoted) ?? "null")",
            "\"decoded_bytes\": \(shown.decoded.map { String($0.count) } ?? "null")",
            "\"sha256\": \(JSONText.quoted(FileDigest.hex(FileDigest.sha256(bytes))))",
            "\"text\": \(shown.text.map(JSONText.quoted) ?? "null")",
        ]
        if let source = shown.payloadSource {
            payload.append(
                "\"from\": {\"file\": \(JSONText.quoted(source.file)), \"offset\": \(source.offset)}")
        }
        if let outputFile, let written {
            payload.append("\"written_to\": \(JSONText.quoted(outputFile))")
            payload.append("\"written_bytes\": \(written)")
        }
        fields.append("\"payload\": {" + payload.joined(separator: ", ") + "}")
        return "{" + fields.joined(separator: ", ") + "}"
    }

    static func headers(_ headers: WARCHeaders) -> String {
        "["
            + headers.map { "{\"name\": \(JSONText.quoted($0.name)), \"value\": \(JSONText.quoted($0.value))}" }
            .joined(separator: ", ") + "]"
    }
}
