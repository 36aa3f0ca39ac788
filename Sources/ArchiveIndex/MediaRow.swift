import GRDB
import MediaMetadata

/// The `media` columns for one extracted image or video header.
struct MediaRow {
    let metadata: MediaMetadata

    /// Column names after `url`, in the order `values` gives them.
    static let columns = [
        "file_type", "mime_type", "image_width", "image_height", "make", "model", "software", "date_time_original",
        "create_date", "creation_date", "content_create_date", "offset_time_original", "latitude", "longitude",
        "gps_altitude", "gps_date_time", "duration", "taken_at", "sources", "warnings", "null_island",
    ]

    /// Values for `columns`; `fallbackMIME` (the HTTP Content-Type) when the header gave none.
    func values(fallbackMIME: String?) -> [(any DatabaseValueConvertible)?] {
        func text(_ field: MetadataField) -> String? {
            guard let value = metadata[field] else { return nil }
            if case .unusable = value { return nil }
            return value.description
        }
        func number(_ field: MetadataField) -> Double? { metadata[field]?.number }
        func integer(_ field: MetadataField) -> Int64? { metadata[field]?.number.flatMap { Int64(exactly: $0) } }
        let sources = metadata.fields.compactMap { field in
            metadata.entries[field].map { JSONValue.quoted(field.rawValue) + ":" + JSONValue.quoted($0.source) }
        }
        let warnings =
            metadata.warnings.isEmpty ? nil : "[" + metadata.warnings.map(JSONValue.quoted).joined(separator: ",") + "]"
        return [
            text(.fileType), text(.mimeType) ?? fallbackMIME, integer(.imageWidth), integer(.imageHeight), text(.make),
            text(.model), text(.software), text(.dateTimeOriginal), text(.createDate), text(.creationDate),
            text(.contentCreateDate), text(.offsetTimeOriginal), number(.gpsLatitude), number(.gpsLongitude),
            number(.gpsAltitude), text(.gpsDateTime), number(.duration), takenAt?.utcText,
            "{" + sources.joined(separator: ",") + "}", warnings, metadata.isNullIsland ? 1 : 0,
        ]
    }

    /// When the picture or video was taken, as a UTC instant, when the header makes that
    /// knowable: Apple's CreationDate with offset, DateTimeOriginal with OffsetTimeOriginal,
    /// GPSDateTime (UTC), or a QuickTime CreateDate (UTC by definition). A local time without
    /// a zone gives nil: it is kept in its own column but cannot be placed on the UTC time line.
    var takenAt: Timestamp? {
        if let creation = metadata[.creationDate]?.string, let instant = Self.exifInstant(creation, requireZone: true) {
            return instant
        }
        if let original = metadata[.dateTimeOriginal]?.string {
            if let instant = Self.exifInstant(original, requireZone: true) { return instant }
            if let offset = metadata[.offsetTimeOriginal]?.string,
                let instant = Self.exifInstant(original + offset, requireZone: true)
            {
                return instant
            }
        }
        if let gps = metadata[.gpsDateTime]?.string, let instant = Self.exifInstant(gps, requireZone: false) {
            return instant
        }
        if let create = metadata.entries[.createDate], create.source.hasPrefix("QuickTime"),
            let text = create.value.string,
            let instant = Self.exifInstant(text, requireZone: false)
        {
            return instant
        }
        return nil
    }

    /// "YYYY:MM:DD HH:MM:SS[.ss][±HH:MM|Z]" (exiftool's form) as an instant; text without a zone
    /// is UTC unless `requireZone`. A zero date ("0000:00:00 …") gives nil.
    static func exifInstant(_ text: String, requireZone: Bool) -> Timestamp? {
        var characters = Array(text)
        guard characters.count >= 19, characters[4] == ":", characters[7] == ":" else { return nil }
        characters[4] = "-"
        characters[7] = "-"
        let iso = String(characters)
        guard let instant = Timestamp(parsing: iso) else { return nil }
        let hasZone =
            characters.count > 19 && characters[19...].contains(where: { $0 == "+" || $0 == "-" || $0 == "Z" })
        if requireZone && !hasZone { return nil }
        return instant
    }
}
