import ArchiveIndex

/// KML 2.2: one Placemark per hit with a position, with its time, text and provenance, for
/// Google Earth, QGIS and other GIS tools.
enum KMLWriter {
    static func write(_ hits: [SearchHit], title: String, to sink: inout some TextSink) {
        sink.write(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n"
                + "<Document>\n<name>\(escaped(title))</name>\n")
        for hit in hits {
            guard let latitude = hit.latitude, let longitude = hit.longitude else { continue }
            var name = hit.kind.rawValue
            if let author = hit.author { name += " by @" + author }
            if let title = hit.title, !title.isEmpty { name += ": " + title }
            sink.write("<Placemark>\n<name>\(escaped(name))</name>\n")
            if let text = hit.body ?? hit.url {
                sink.write("<description>\(escaped(text))</description>\n")
            }
            if let time = hit.createdAt { sink.write("<TimeStamp><when>\(escaped(time))</when></TimeStamp>\n") }
            sink.write("<ExtendedData>\n")
            for (key, value) in zip(HitFields.keys, HitFields.values(hit)) where value != .null {
                sink.write("<Data name=\"\(key)\"><value>\(escaped(value.plain))</value></Data>\n")
            }
            sink.write(
                "</ExtendedData>\n<Point><coordinates>\(JSONText.number(longitude)),\(JSONText.number(latitude))"
                    + "</coordinates></Point>\n</Placemark>\n")
        }
        sink.write("</Document>\n</kml>\n")
    }

    /// XML text: markup characters escaped, and the control characters XML 1.0 cannot hold dropped.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
