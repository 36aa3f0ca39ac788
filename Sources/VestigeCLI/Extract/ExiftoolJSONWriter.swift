public import MediaMetadata

/// Writes extraction results as `exiftool -json -n` does: an array of objects keyed by
/// exiftool's tag names, number-like text printed as JSON numbers, so scripts written for
/// exiftool's output read vestige's unchanged.
public struct ExiftoolJSONWriter {
    /// Also write where each value came from ("Sources") and reading problems ("Warnings").
    public var includeProvenance: Bool
    private var written = 0

    /// A writer; `includeProvenance` adds vestige's own keys after exiftool's.
    public init(includeProvenance: Bool = false) { self.includeProvenance = includeProvenance }

    /// Writes one object (the array is opened before the first).
    public mutating func write(_ result: ExtractionResult, to sink: inout some TextSink) {
        var lines = ["  \"SourceFile\": \(Self.quoted(result.sourceFile))"]
        switch result.outcome {
        case .failure(let error):
            lines.append("  \"Error\": \(Self.quoted(error.message))")
        case .success(let metadata):
            for field in metadata.fields {
                guard let entry = metadata.entries[field] else { continue }
                lines.append("  \"\(field.rawValue)\": \(Self.json(entry.value))")
            }
            if includeProvenance {
                let sources = metadata.fields.compactMap { field in
                    metadata.entries[field].map { "    \"\(field.rawValue)\": \(Self.quoted($0.source))" }
                }
                lines.append("  \"Sources\": {\n" + sources.joined(separator: ",\n") + "\n  }")
                if metadata.isNullIsland { lines.append("  \"NullIsland\": true") }
                if !metadata.warnings.isEmpty {
                    lines.append("  \"Warnings\": [" + metadata.warnings.map(Self.quoted).joined(separator: ", ") + "]")
                }
            }
        }
        sink.write((written == 0 ? "[{\n" : ",\n{\n") + lines.joined(separator: ",\n") + "\n}")
        written += 1
    }

    /// Closes the array (an empty array when nothing was written).
    public func finish(to sink: inout some TextSink) {
        sink.write(written == 0 ? "[]\n" : "]\n")
    }

    /// A value in exiftool's JSON form.
    static func json(_ value: MetadataValue) -> String {
        switch value {
        case .integer(let number): String(number)
        case .real(let number): NumberText.perl(number)
        case .text(let text): looksLikeNumber(text) ? text : quoted(text)
        case .unusable(let text): quoted(text)
        }
    }

    /// exiftool's test for printing text as a JSON number:
    /// `/^-?(\d|[1-9]\d{1,14})(\.\d{1,16})?(e[-+]?\d{1,3})?$/i`.
    static func looksLikeNumber(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        func digits(max: Int) -> Int {
            var n = 0
            while n < max, let b = bytes.first, b >= 0x30, b <= 0x39 {
                bytes.removeFirst()
                n += 1
            }
            return n
        }
        if bytes.first == UInt8(ascii: "-") { bytes.removeFirst() }
        guard let first = bytes.first, first >= 0x30, first <= 0x39 else { return false }
        if first == UInt8(ascii: "0") {
            bytes.removeFirst()
        } else if digits(max: 15) == 0 {
            return false
        }
        if bytes.first == UInt8(ascii: ".") {
            bytes.removeFirst()
            guard digits(max: 16) > 0 else { return false }
        }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes.removeFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes.removeFirst() }
            guard digits(max: 3) > 0 else { return false }
        }
        return bytes.isEmpty
    }

    /// A JSON string literal; NULs dropped and control characters escaped as exiftool does.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\0": continue
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
