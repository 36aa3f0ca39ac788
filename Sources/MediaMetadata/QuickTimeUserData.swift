import BinaryParsing

/// Reads QuickTime user data (`udta`): `©xyz` location, `©mak`/`©mod`/`©day` text, 3GPP `loci`,
/// `date` (exiftool's DateTimeOriginal), XMP in `XMP_`, and the iTunes-style `meta`/`ilst` that
/// Android and ffmpeg put there.
enum QuickTimeUserData {
    /// Reads the payload of a `udta` box found at `path` (e.g. `moov/udta`).
    static func parse(_ udta: ArraySlice<UInt8>, path: String, into metadata: inout MediaMetadata) {
        for box in ISOBMFFBox.children(of: udta, path: path, into: &metadata) {
            switch box.type {
            case "loci":
                parseLocation(box, source: "3GPP:\(path)/loci", into: &metadata)
            case "meta":
                QuickTimeMetadata.parse(box.payload, path: "\(path)/meta", into: &metadata)
            case "XMP_":
                QuickTimeXMP.parse(box.payload, path: "\(path)/XMP_", into: &metadata)
            case "date":
                // Plain text, no language header: "2020-01-02T03:04:05+0100" (exiftool's UserData
                // DateTimeOriginal, with its ©day conversion); a later capture time replaces it.
                let text = decodedText(box.payload)
                guard !text.isEmpty, let date = MetadataDate.fromISO8601(text) else { continue }
                metadata.setLatest(
                    .dateTimeOriginal, .text(date), source: "QuickTime:\(path)/date", priority: .primary)
            case "©xyz", "©mak", "©mod", "©day":
                guard let value = text(box.payload, path: "\(path)/\(box.type)", into: &metadata) else {
                    metadata.warn("QuickTime \(path)/\(box.type): unreadable text")
                    continue
                }
                guard !value.isEmpty else { continue }
                record(box.type, .text(value), source: "QuickTime:\(path)/\(box.type)", into: &metadata)
            default:
                break
            }
        }
    }

    /// Records one user data or item list entry by its four-character code, with exiftool's names.
    /// (`©swr` is exiftool's SoftwareVersion, not Software, so it is not read.)
    static func record(_ type: FourCC, _ value: MetadataValue, source: String, into metadata: inout MediaMetadata) {
        switch type {
        case "©xyz":
            guard let text = value.string, let point = ISO6709(text) else {
                metadata.warn("QuickTime \(source): location '\(value)' is not ISO 6709")
                return
            }
            setPosition(point, source: source, into: &metadata)
        case "©mak": metadata.set(.make, value, source: source, priority: .secondary)
        case "©mod": metadata.set(.model, value, source: source, priority: .secondary)
        case "©day":
            let date = value.string.flatMap(MetadataDate.fromISO8601).map(MetadataValue.text) ?? value
            metadata.set(.contentCreateDate, date, source: source, priority: .secondary)
        default:
            break
        }
    }

    /// Records an ISO 6709 point (latitude, longitude and, when present, altitude).
    static func setPosition(_ point: ISO6709, source: String, into metadata: inout MediaMetadata) {
        metadata.set(.gpsLatitude, .real(point.latitude), source: source)
        metadata.set(.gpsLongitude, .real(point.longitude), source: source)
        if let altitude = point.altitude {
            setAltitude(altitude, source: source, into: &metadata)
        }
    }

    /// The first string of a QuickTime text item: either international text records
    /// (16-bit length, 16-bit language, bytes) or, as some writers do, a `data` atom.
    static func text(_ payload: ArraySlice<UInt8>, path: String, into metadata: inout MediaMetadata) -> String? {
        var reader = ByteReader(payload)
        if reader.slice(at: 4, count: 4).map({ $0.elementsEqual("data".utf8) }) == true {
            return QuickTimeMetadata.dataValue(payload, path: path, into: &metadata)?.string
        }
        guard let length = reader.readUInt16(), reader.skip(2) else { return nil }
        // Android writes the length exactly; clip it rather than lose a value to an off-by-one.
        let bytes = reader.readBytes(min(Int(length), reader.remaining)) ?? []
        return decodedText(bytes)
    }

    /// UTF-8 text without the NUL padding some writers leave at the end.
    static func decodedText(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// 3GPP `loci` (TS 26.244): FullBox, language, NUL-terminated name (UTF-8, or UTF-16 after a
    /// FE FF mark ending in 00 00), role, then longitude, latitude and altitude in signed 16.16 —
    /// longitude first. exiftool prints the coordinates with 5 decimals and altitude with 2.
    static func parseLocation(_ box: ISOBMFFBox, source: String, into metadata: inout MediaMetadata) {
        var reader = ByteReader(box.payload)
        guard reader.skip(4 + 2), skipName(&reader), reader.skip(1),
            let longitude = reader.readInt32(), let latitude = reader.readInt32(), let altitude = reader.readInt32()
        else {
            metadata.warn("3GPP loci: box is too short or its name is not terminated")
            return
        }
        let lat = NumberFormatting.rounded(Double(latitude) / 65536, digits: 5)
        let lon = NumberFormatting.rounded(Double(longitude) / 65536, digits: 5)
        guard abs(lat) <= 90, abs(lon) <= 180 else {
            metadata.warn("3GPP loci: position \(lat), \(lon) is out of range")
            return
        }
        metadata.set(.gpsLatitude, .real(lat), source: source)
        metadata.set(.gpsLongitude, .real(lon), source: source)
        setAltitude(NumberFormatting.rounded(Double(altitude) / 65536, digits: 2), source: source, into: &metadata)
    }

    /// exiftool reports QuickTime altitudes as their absolute value (with a separate reference);
    /// vestige follows its output contract and keeps the sign as a warning, so nothing is lost.
    static func setAltitude(_ altitude: Double, source: String, into metadata: inout MediaMetadata) {
        metadata.set(.gpsAltitude, .real(abs(altitude)), source: source)
        if altitude < 0 { metadata.warn("GPSAltitude \(altitude) m in \(source) is below sea level") }
    }

    /// Moves past a `loci` name and its terminator; false when the terminator is missing.
    private static func skipName(_ reader: inout ByteReader) -> Bool {
        guard reader.uint8(at: reader.position) == 0xFE, reader.uint8(at: reader.position + 1) == 0xFF else {
            return reader.readCString() != nil
        }
        reader.skip(2)
        while let unit = reader.readUInt16() {
            if unit == 0 { return true }
        }
        return false
    }
}
