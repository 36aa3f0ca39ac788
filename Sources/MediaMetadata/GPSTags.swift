import BinaryParsing

/// The GPS IFD's tags, combined the way exiftool's Composite tags combine them:
/// signed decimal degrees, signed altitude, and one UTC date-time.
struct GPSTags {
    var latitudeRef: String?
    var latitude: [Rational]?
    var longitudeRef: String?
    var longitude: [Rational]?
    var altitudeRef: UInt64?
    var altitude: Rational?
    var timeStamp: [Rational]?
    var dateStamp: String?

    /// Stores one GPS IFD entry that vestige uses.
    mutating func read<Source>(
        _ entry: TIFFParser.Entry, with reader: TIFFParser.Reader<Source>, into metadata: inout MediaMetadata
    ) throws(ByteSourceError) {
        switch entry.tag {
        case 1: latitudeRef = try reader.string(entry)
        case 2: latitude = try Self.rationals(entry, with: reader)
        case 3: longitudeRef = try reader.string(entry)
        case 4: longitude = try Self.rationals(entry, with: reader)
        case 5: altitudeRef = try reader.integers(entry).first
        case 6: altitude = try reader.rationals(entry).first
        case 7: timeStamp = try Self.rationals(entry, with: reader)
        case 29: dateStamp = try reader.string(entry)
        default: break
        }
    }

    /// The entry's rationals; nil when its value lies outside the file, which exiftool calls a bad
    /// offset and leaves out (a cut block gives no GPSLatitude, not an unusable "" or a 00:00:00).
    private static func rationals<Source>(
        _ entry: TIFFParser.Entry, with reader: TIFFParser.Reader<Source>
    ) throws(ByteSourceError) -> [Rational]? {
        guard try reader.valueBytes(entry) != nil else { return nil }
        return try reader.rationals(entry)
    }

    /// Writes the combined values into `metadata`.
    func apply(to metadata: inout MediaMetadata, container: String) {
        let source = "\(container):GPS"
        if let latitude {
            metadata.set(
                .gpsLatitude, Self.degrees(latitude, negative: latitudeRef?.hasPrefix("S") == true),
                source: source + ":0x0002")
        }
        if let longitude {
            metadata.set(
                .gpsLongitude, Self.degrees(longitude, negative: longitudeRef?.hasPrefix("W") == true),
                source: source + ":0x0004")
        }
        // Reference 1 means below sea level; without a reference exiftool reports the value as stored.
        if let altitude {
            if let value = altitude.value {
                metadata.set(.gpsAltitude, .real(altitudeRef == 1 ? -abs(value) : value), source: source + ":0x0006")
            } else {
                metadata.set(.gpsAltitude, .unusable(altitude.undefinedText), source: source + ":0x0006")
                metadata.warn("GPSAltitude has a zero denominator")
            }
        }
        if let dateStamp, let timeStamp, let time = Self.time(timeStamp) {
            metadata.set(.gpsDateTime, .text("\(dateStamp) \(time)Z"), source: source + ":0x001D+0x0007")
        }
    }

    /// Degrees + minutes/60 + seconds/3600; unusable ("" as exiftool prints it) when a part has a
    /// zero denominator.
    static func degrees(_ parts: [Rational], negative: Bool) -> MetadataValue {
        var total = 0.0
        var scale = 1.0
        for part in parts.prefix(3) {
            guard let value = part.value else { return .unusable("") }
            total += value / scale
            scale *= 60
        }
        guard !parts.isEmpty, total.isFinite else { return .unusable("") }
        return .real(negative ? -total : total)
    }

    /// exiftool's ConvertTimeStamp: "HH:MM:SS" with up to nine decimals, trailing zeros removed.
    static func time(_ parts: [Rational]) -> String? {
        var seconds = 0.0
        for (index, part) in parts.prefix(3).enumerated() {
            guard let value = part.value, value.isFinite else { return nil }
            seconds += value * [3600.0, 60, 1][index]
        }
        guard seconds >= 0, seconds < 1e7 else { return nil }
        var hours = Int(seconds / 3600)
        seconds -= Double(hours) * 3600
        var minutes = Int(seconds / 60)
        seconds -= Double(minutes) * 60
        // Round to nanoseconds the way sprintf('%012.9f') does.
        var nanos = Int64((seconds * 1e9).rounded())
        if nanos >= 60_000_000_000 {
            nanos = 0
            minutes += 1
            if minutes >= 60 {
                minutes -= 60
                hours += 1
            }
        }
        var text = NumberFormatting.twoDigits(Int(nanos / 1_000_000_000))
        let fraction = nanos % 1_000_000_000
        if fraction != 0 {
            var digits = NumberFormatting.padded(Int(fraction), width: 9)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return "\(NumberFormatting.twoDigits(hours)):\(NumberFormatting.twoDigits(minutes)):\(text)"
    }
}
