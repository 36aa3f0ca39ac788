/// Reads the few XMP properties vestige reports out of an XMP packet (RDF/XML text).
///
/// XMP writers put a property either in an attribute (`exif:DateTimeOriginal="…"`) or in an
/// element (`<exif:DateTimeOriginal>…</…>`), with any prefix bound to the namespace URI; this
/// scanner resolves prefixes from the packet's `xmlns:` declarations and handles both forms.
/// It is a scanner, not a validating XML parser: it never fails, it only finds less.
enum XMPParser {
    /// Longest packet scanned; XMP in the wild is at most a few hundred KiB.
    static let maxPacketBytes = 4 << 20

    static let exifNamespace = "http://ns.adobe.com/exif/1.0/"
    static let tiffNamespace = "http://ns.adobe.com/tiff/1.0/"
    static let xmpNamespace = "http://ns.adobe.com/xap/1.0/"

    /// Parses one packet; `container` names where it came from (e.g. "JPEG APP1") for provenance.
    static func parse(_ bytes: ArraySlice<UInt8>, container: String, into metadata: inout MediaMetadata) {
        let text = String(decoding: bytes.prefix(maxPacketBytes), as: UTF8.self)
        let packet = Packet(text: text)
        let source = "XMP(\(container))"
        func property(_ namespace: String, _ name: String) -> (value: String, source: String)? {
            packet.value(namespace: namespace, name: name).map { ($0, "\(source):\(name)") }
        }
        if let (value, from) = property(exifNamespace, "DateTimeOriginal") {
            metadata.set(.dateTimeOriginal, text: MetadataDate.fromXMP(value), source: from, priority: .xmp)
        }
        if let (value, from) = property(xmpNamespace, "CreateDate") {
            metadata.set(.createDate, text: MetadataDate.fromXMP(value), source: from, priority: .xmp)
        }
        if let (value, from) = property(exifNamespace, "GPSTimeStamp") {
            metadata.set(.gpsDateTime, text: MetadataDate.fromXMP(value), source: from, priority: .xmp)
        }
        for (field, name) in [(MetadataField.make, "Make"), (.model, "Model"), (.software, "Software")] {
            if let (value, from) = property(tiffNamespace, name) {
                metadata.set(field, text: value, source: from, priority: .xmp)
            }
        }
        if let (value, from) = property(exifNamespace, "GPSLatitude"), let degrees = coordinate(value) {
            metadata.set(.gpsLatitude, .real(degrees), source: from, priority: .xmp)
        }
        if let (value, from) = property(exifNamespace, "GPSLongitude"), let degrees = coordinate(value) {
            metadata.set(.gpsLongitude, .real(degrees), source: from, priority: .xmp)
        }
        if let (value, from) = property(exifNamespace, "GPSAltitude"),
            let reference = property(exifNamespace, "GPSAltitudeRef")?.value, let altitude = rational(value)
        {
            metadata.set(.gpsAltitude, .real(reference == "1" ? -abs(altitude) : altitude), source: from, priority: .xmp)
        }
    }

    /// An XMP GPS coordinate ("40,41.352N", "40,41,21.12S", "-74.0445") as signed degrees.
    static func coordinate(_ text: String) -> Double? {
        let trimmed = text.trimmingASCIIWhitespace()
        guard let last = trimmed.last else { return nil }
        let hemisphere = last.isLetter ? last.uppercased() : ""
        let body = hemisphere.isEmpty ? Substring(trimmed) : trimmed.dropLast()
        let parts = body.split(separator: ",", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        var degrees = 0.0
        var scale = 1.0
        for part in parts {
            guard let value = Double(part.trimmingCharacters()), value.isFinite else { return nil }
            degrees += value / scale
            scale *= 60
        }
        switch hemisphere {
        case "S", "W": return -abs(degrees)
        case "", "N", "E": return degrees
        default: return nil
        }
    }

    /// "93/1" or "93.5" as a number; nil for a zero denominator or garbage.
    static func rational(_ text: String) -> Double? {
        let parts = text.trimmingASCIIWhitespace().split(separator: "/")
        switch parts.count {
        case 1: return Double(parts[0])
        case 2:
            guard let numerator = Double(parts[0]), let denominator = Double(parts[1]), denominator != 0 else {
                return nil
            }
            return numerator / denominator
        default: return nil
        }
    }

    /// An XMP packet's text with its namespace prefixes resolved.
    struct Packet {
        let text: String
        /// Prefixes bound to each namespace URI (a packet may bind several).
        let prefixes: [String: [String]]

        init(text: String) {
            self.text = text
            var prefixes: [String: [String]] = [:]
            var rest = text[...]
            while let range = rest.firstRange(of: "xmlns:") {
                rest = rest[range.upperBound...]
                guard let equals = rest.firstIndex(of: "=") else { break }
                let prefix = String(rest[..<equals]).trimmingASCIIWhitespace()
                let afterEquals = rest[rest.index(after: equals)...].drop { $0 == " " }
                guard let quote = afterEquals.first, quote == "\"" || quote == "'" else { continue }
                let valueStart = afterEquals.index(after: afterEquals.startIndex)
                guard let close = afterEquals[valueStart...].firstIndex(of: quote) else { break }
                prefixes[String(afterEquals[valueStart..<close]), default: []].append(prefix)
                rest = afterEquals[close...]
            }
            self.prefixes = prefixes
        }

        /// The first value of property `name` in `namespace`, as attribute or simple element.
        func value(namespace: String, name: String) -> String? {
            for prefix in prefixes[namespace] ?? [] {
                let qualified = "\(prefix):\(name)"
                if let value = attribute(qualified) ?? element(qualified) { return value }
            }
            return nil
        }

        private func attribute(_ qualified: String) -> String? {
            var rest = text[...]
            while let range = rest.firstRange(of: qualified) {
                defer { rest = rest[range.upperBound...] }
                // The name must stand alone: preceded by white space, followed by `=`.
                guard range.lowerBound > text.startIndex,
                    text[text.index(before: range.lowerBound)].isWhitespace
                else { continue }
                let after = rest[range.upperBound...].drop { $0.isWhitespace }
                guard after.first == "=" else { continue }
                let value = after.dropFirst().drop { $0.isWhitespace }
                guard let quote = value.first, quote == "\"" || quote == "'" else { continue }
                let start = value.index(after: value.startIndex)
                guard let end = value[start...].firstIndex(of: quote) else { return nil }
                return Packet.unescape(value[start..<end])
            }
            return nil
        }

        private func element(_ qualified: String) -> String? {
            var rest = text[...]
            while let range = rest.firstRange(of: "<" + qualified) {
                defer { rest = rest[range.upperBound...] }
                guard let close = rest[range.upperBound...].firstIndex(of: ">") else { return nil }
                let between = rest[range.upperBound..<close]
                // `<exif:GPSLatitudeRef` is another property; `<x:y/>` has no value.
                guard between.isEmpty || between.first?.isWhitespace == true, !between.hasSuffix("/") else { continue }
                let contentStart = rest.index(after: close)
                guard let end = rest[contentStart...].firstRange(of: "</" + qualified) else { return nil }
                let content = rest[contentStart..<end.lowerBound]
                // Structured values (rdf:Seq/rdf:Alt) hold their text in the first rdf:li.
                if content.contains("<") {
                    guard let li = content.firstRange(of: "<rdf:li"),
                        let liClose = content[li.upperBound...].firstIndex(of: ">"),
                        let liEnd = content[liClose...].firstRange(of: "</rdf:li")
                    else { continue }
                    return Packet.unescape(content[content.index(after: liClose)..<liEnd.lowerBound])
                }
                return Packet.unescape(content).trimmingASCIIWhitespace()
            }
            return nil
        }

        /// Replaces the five XML entities and numeric character references.
        static func unescape(_ text: Substring) -> String {
            guard text.contains("&") else { return String(text) }
            var out = ""
            var rest = text
            while let amp = rest.firstIndex(of: "&") {
                out += rest[..<amp]
                guard let semicolon = rest[amp...].prefix(12).firstIndex(of: ";") else {
                    out += "&"
                    rest = rest[rest.index(after: amp)...]
                    continue
                }
                let entity = rest[rest.index(after: amp)..<semicolon]
                switch entity {
                case "amp": out += "&"
                case "lt": out += "<"
                case "gt": out += ">"
                case "quot": out += "\""
                case "apos": out += "'"
                default:
                    let number =
                        entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16)
                        : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                    if let number, let scalar = Unicode.Scalar(number) {
                        out.unicodeScalars.append(scalar)
                    } else {
                        out += "&" + entity + ";"
                    }
                }
                rest = rest[rest.index(after: semicolon)...]
            }
            return out + rest
        }
    }
}

extension Substring {
    func trimmingCharacters() -> String { String(self).trimmingASCIIWhitespace() }
}
