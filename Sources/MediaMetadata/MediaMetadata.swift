/// Where a value came from: which structure of the file and which tag or box inside it.
///
/// Kept with every value so that an index can say "GPSLatitude from Exif GPS IFD tag 0x0002"
/// instead of only the number.
public struct MetadataEntry: Sendable, Hashable {
    /// The value.
    public var value: MetadataValue
    /// The structure and tag it was read from, e.g. `Exif:GPS:0x0002` or `QuickTime:moov/udta/©xyz`.
    public var source: String
    /// How much the value is trusted when several structures carry the same field.
    public var priority: MetadataPriority
}

/// Which of several structures wins when they carry the same field; ExifTool's choices.
public enum MetadataPriority: Int, Sendable, Comparable {
    /// XMP packets: used only when nothing better carries the field.
    case xmp = 1
    /// Secondary binary structures (maker notes, user data text atoms, thumbnails).
    case secondary = 2
    /// Primary binary metadata: Exif, QuickTime headers and keys.
    case primary = 3
    /// The file's own coding parameters (JPEG SOF, PNG IHDR, file type).
    case file = 4

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Everything vestige read from one image or video header, each value with its source.
public struct MediaMetadata: Sendable, Hashable {
    /// Values by field.
    public private(set) var entries: [MetadataField: MetadataEntry] = [:]
    /// Problems met while reading that did not stop the read (loops, truncation, bad boxes).
    public private(set) var warnings: [String] = []

    /// An empty result.
    public init() {}

    /// The value of `field`, if any.
    public subscript(field: MetadataField) -> MetadataValue? { entries[field]?.value }

    /// Records `value` unless a value of higher or equal priority is already there.
    public mutating func set(
        _ field: MetadataField, _ value: MetadataValue, source: String, priority: MetadataPriority = .primary
    ) {
        if let existing = entries[field], existing.priority >= priority { return }
        entries[field] = MetadataEntry(value: value, source: source, priority: priority)
    }

    /// Records `value` whatever is there: for values a later structure corrects (WebP's VP8X
    /// turns FileType "WEBP" into "Extended WEBP").
    public mutating func replace(
        _ field: MetadataField, _ value: MetadataValue, source: String, priority: MetadataPriority
    ) {
        entries[field] = MetadataEntry(value: value, source: source, priority: priority)
    }

    /// Records `value` unless a value of higher priority is there: unlike `set`, a later value of
    /// equal priority replaces the earlier one, as exiftool lets a later tag of equal priority win
    /// (QuickTime's movie header, keys and XMP, read in file order).
    mutating func setLatest(_ field: MetadataField, _ value: MetadataValue, source: String, priority: MetadataPriority)
    {
        if let existing = entries[field], existing.priority > priority { return }
        entries[field] = MetadataEntry(value: value, source: source, priority: priority)
    }

    /// Records the values of `other` as `set` would, each at its own priority but at most `cap`,
    /// and keeps its warnings: for a structure read on its own and then ranked as a whole.
    mutating func merge(_ other: MediaMetadata, cappedAt cap: MetadataPriority) {
        for field in other.fields {
            guard let entry = other.entries[field] else { continue }
            set(field, entry.value, source: entry.source, priority: min(entry.priority, cap))
        }
        for warning in other.warnings { warn(warning) }
    }

    /// Records `text` as a text value when it is not empty.
    public mutating func set(
        _ field: MetadataField, text: String?, source: String, priority: MetadataPriority = .primary
    ) {
        guard let text, !text.isEmpty else { return }
        set(field, .text(text), source: source, priority: priority)
    }

    /// Adds a warning; repeats and more than 50 warnings are dropped so hostile files cannot bloat output.
    public mutating func warn(_ message: String) {
        guard warnings.count < 50, !warnings.contains(message) else { return }
        warnings.append(message)
    }

    /// The fields present, in exiftool's output order.
    public var fields: [MetadataField] { entries.keys.sorted() }

    /// Signed decimal latitude, when a usable one was found.
    public var latitude: Double? { self[.gpsLatitude]?.number }
    /// Signed decimal longitude, when a usable one was found.
    public var longitude: Double? { self[.gpsLongitude]?.number }

    /// True when the file has a position of exactly 0,0: what devices without a fix often write.
    /// The position is still reported; searches leave it out unless asked.
    public var isNullIsland: Bool { latitude == 0 && longitude == 0 }

    /// True when the file has a usable position that is not 0,0.
    public var hasUsablePosition: Bool { latitude != nil && longitude != nil && !isNullIsland }
}
