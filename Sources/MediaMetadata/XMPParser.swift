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
    /// DJI drones' namespace (exiftool's XMP-drone-dji).
    static let djiNamespace = "http://www.dji.com/drone-dji/1.0/"

    /// Parses one packet; `container` names where it came from (e.g. "JPEG APP1") for provenance.
    static func parse(_ bytes: ArraySlice<UInt8>, container: String, into metadata: inout MediaMetadata) {
        let packet = Packet(bytes: bytes.prefix(maxPacketBytes))
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
        // exif:GPSLatitude and DJI's drone-dji:GpsLatitude (signed degrees) are both exiftool
        // tags of priority 0: whichever comes first in the packet is the GPSLatitude it prints.
        // DJI's `GpsLongtitude` (sic, older firmware) is exiftool's GPSLongtitude, not GPSLongitude.
        for (field, exifName, djiName) in [
            (MetadataField.gpsLatitude, "GPSLatitude", "GpsLatitude"), (.gpsLongitude, "GPSLongitude", "GpsLongitude"),
        ] {
            let candidates = [
                packet.located(namespace: exifNamespace, name: exifName).flatMap { found in
                    coordinate(found.value).map { ($0, found.offset, "\(source):\(exifName)") }
                },
                packet.located(namespace: djiNamespace, name: djiName).flatMap { found in
                    Double(found.value.trimmingASCIIWhitespace()).flatMap { $0.isFinite ? $0 : nil }.map {
                        ($0, found.offset, "\(source):drone-dji:\(djiName)")
                    }
                },
            ].compactMap { $0 }
            if let (degrees, _, from) = candidates.min(by: { $0.1 < $1.1 }) {
                metadata.set(field, .real(degrees), source: from, priority: .xmp)
            }
        }
        if packet.value(namespace: djiNamespace, name: "GpsLongtitude") != nil,
            packet.value(namespace: djiNamespace, name: "GpsLongitude") == nil
        {
            metadata.warn(
                "XMP(\(container)): drone-dji:GpsLongtitude (sic) is exiftool's GPSLongtitude; no GPSLongitude from it")
        }
        // With GPSAltitudeRef, exiftool's Composite GPSAltitude (signed); without, its raw XMP tag.
        if let (value, from) = property(exifNamespace, "GPSAltitude"), let altitude = rational(value) {
            let reference = property(exifNamespace, "GPSAltitudeRef")?.value
            metadata.set(
                .gpsAltitude, .real(reference == "1" ? -abs(altitude) : altitude), source: from, priority: .xmp)
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

    /// An XMP packet's bytes with its namespace prefixes resolved. Works on UTF-8 bytes, not
    /// `String` characters: packets run to hundreds of KiB and are scanned many times.
    struct Packet {
        let bytes: [UInt8]
        /// Prefixes bound to each namespace URI (a packet may bind several).
        let prefixes: [String: [String]]

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = Array(bytes)
            var prefixes: [String: [String]] = [:]
            let declaration = Array("xmlns:".utf8)
            var position = 0
            while let found = Packet.find(declaration, in: self.bytes, from: position) {
                position = found + declaration.count
                guard let equals = self.bytes[position...].firstIndex(of: UInt8(ascii: "=")),
                    let (value, end) = Packet.quotedValue(in: self.bytes, after: equals)
                else { break }
                let prefix = String(decoding: self.bytes[position..<equals], as: UTF8.self).trimmingASCIIWhitespace()
                prefixes[value, default: []].append(prefix)
                position = end
            }
            self.prefixes = prefixes
        }

        /// The first value of property `name` in `namespace`, as attribute or simple element.
        func value(namespace: String, name: String) -> String? {
            located(namespace: namespace, name: name)?.value
        }

        /// The value of property `name` in `namespace` that comes first in the packet, and the
        /// offset where it starts (exiftool reads a packet in order; of two tags of equal priority
        /// the first found wins).
        func located(namespace: String, name: String) -> (value: String, offset: Int)? {
            var best: (value: String, offset: Int)?
            for prefix in prefixes[namespace] ?? [] {
                let qualified = Array("\(prefix):\(name)".utf8)
                for candidate in [attribute(qualified), element(qualified)] {
                    if let candidate, candidate.offset < best?.offset ?? Int.max { best = candidate }
                }
            }
            return best
        }

        private func attribute(_ qualified: [UInt8]) -> (value: String, offset: Int)? {
            var position = 0
            while let found = Packet.find(qualified, in: bytes, from: position) {
                position = found + qualified.count
                // The name must stand alone: preceded by white space, followed by `=`.
                guard found > 0, Packet.isSpace(bytes[found - 1]) else { continue }
                var cursor = position
                while cursor < bytes.count, Packet.isSpace(bytes[cursor]) { cursor += 1 }
                guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "="),
                    let (value, _) = Packet.quotedValue(in: bytes, after: cursor)
                else { continue }
                return (Packet.unescape(value), found)
            }
            return nil
        }

        private func element(_ qualified: [UInt8]) -> (value: String, offset: Int)? {
            let open = [UInt8(ascii: "<")] + qualified
            let close = Array("</".utf8) + qualified
            var position = 0
            while let found = Packet.find(open, in: bytes, from: position) {
                position = found + open.count
                guard let end = bytes[position...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
                // `<exif:GPSLatitudeRef` is another property; `<x:y/>` has no value.
                guard end == position || Packet.isSpace(bytes[position]), bytes[end - 1] != UInt8(ascii: "/") else {
                    continue
                }
                guard let closing = Packet.find(close, in: bytes, from: end + 1) else { return nil }
                let content = bytes[(end + 1)..<closing]
                // Structured values (rdf:Seq/rdf:Alt) hold their text in the first rdf:li.
                guard content.contains(UInt8(ascii: "<")) else {
                    return (Packet.unescape(String(decoding: content, as: UTF8.self)).trimmingASCIIWhitespace(), found)
                }
                let item = Array("<rdf:li".utf8)
                guard let li = Packet.find(item, in: bytes, from: content.startIndex), li < closing,
                    let liOpenEnd = bytes[li...].firstIndex(of: UInt8(ascii: ">")),
                    let liClose = Packet.find(Array("</rdf:li".utf8), in: bytes, from: liOpenEnd), liClose <= closing
                else { continue }
                return (Packet.unescape(String(decoding: bytes[(liOpenEnd + 1)..<liClose], as: UTF8.self)), found)
            }
            return nil
        }

        static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

        /// The offset of `pattern` in `bytes` at or after `start`.
        static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
            guard let first = pattern.first, start >= 0, bytes.count >= pattern.count else { return nil }
            var index = start
            let last = bytes.count - pattern.count
            while index <= last {
                guard let candidate = bytes[index...last].firstIndex(of: first) else { return nil }
                var matched = true
                for offset in 1..<pattern.count where bytes[candidate + offset] != pattern[offset] {
                    matched = false
                    break
                }
                if matched { return candidate }
                index = candidate + 1
            }
            return nil
        }

        /// The quoted value after the `=` at `equals` (either quote), and the offset after it.
        static func quotedValue(in bytes: [UInt8], after equals: Int) -> (String, Int)? {
            var cursor = equals + 1
            while cursor < bytes.count, isSpace(bytes[cursor]) { cursor += 1 }
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'"),
                let end = bytes[(cursor + 1)...].firstIndex(of: bytes[cursor])
            else { return nil }
            return (String(decoding: bytes[(cursor + 1)..<end], as: UTF8.self), end + 1)
        }

        /// Replaces the five XML entities and numeric character references.
        static func unescape(_ text: String) -> String {
            guard text.contains("&") else { return text }
            var out = ""
            var rest = text[...]
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
                        entity.hasPrefix("#x")
                        ? UInt32(entity.dropFirst(2), radix: 16)
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
