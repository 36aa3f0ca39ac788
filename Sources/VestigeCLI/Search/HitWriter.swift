import ArchiveIndex

/// Writes search hits in one of the output formats.
struct HitWriter {
    let format: SearchOutputFormat
    /// Table format: highlight with ANSI bold (a terminal) instead of [ ].
    var terminal = false

    func write(_ hits: [SearchHit], to sink: inout some TextSink) {
        switch format {
        case .json:
            sink.write("[")
            for (index, hit) in hits.enumerated() {
                sink.write((index == 0 ? "\n" : ",\n") + HitFields.jsonObject(hit))
            }
            sink.write(hits.isEmpty ? "]\n" : "\n]\n")
        case .jsonl:
            for hit in hits { sink.write(HitFields.jsonObject(hit) + "\n") }
        case .csv:
            sink.write(HitFields.keys.map(Self.csvField).joined(separator: ",") + "\r\n")
            for hit in hits {
                sink.write(HitFields.values(hit).map { Self.csvField($0.plain) }.joined(separator: ",") + "\r\n")
            }
        case .geojson:
            sink.write("{\"type\":\"FeatureCollection\",\"features\":[")
            var first = true
            for hit in hits {
                guard let latitude = hit.latitude, let longitude = hit.longitude else { continue }
                sink.write(first ? "\n" : ",\n")
                first = false
                sink.write(
                    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":["
                        + "\(JSONText.number(longitude)),\(JSONText.number(latitude))]},\"properties\":"
                        + HitFields.jsonObject(hit) + "}")
            }
            sink.write(first ? "]}\n" : "\n]}\n")
        case .table:
            HitTableWriter(terminal: terminal).write(hits, to: &sink)
        }
    }

    /// RFC 4180: quoted when the field holds a comma, quote, CR or LF; quotes doubled.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return text
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { out += "\"\"" } else { out.unicodeScalars.append(scalar) }
        }
        return out + "\""
    }
}
