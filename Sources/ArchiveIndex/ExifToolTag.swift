import MediaMetadata

/// One member of an `exiftool -json` object: its key split into group prefixes and tag name
/// (`-G`/`-G1`/`-G0:1` write "Composite:GPSLatitude", "QuickTime:Keys:CreationDate"), and its
/// value. With `-l` the value is an object holding `val` and `num`; `num` (the `-n` value) wins.
struct ExifToolTag {
    /// The key as written.
    let key: String
    /// The group prefixes, outermost first; empty without `-G`.
    let groups: [String]
    /// The tag name.
    let name: String
    /// The value (for `-l` objects, the `num` or else the `val` member).
    let value: JSONValue

    /// The tag of member `key`: `value`.
    init(key: String, value: JSONValue) {
        self.key = key
        let parts = key.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        name = parts.last ?? key
        groups = Array(parts.dropLast())
        if case .object = value, let number = value["num"] ?? value["val"] {
            self.value = number
        } else {
            self.value = value
        }
    }

    /// True when the key has no group prefix.
    var isUngrouped: Bool { groups.isEmpty }

    /// True for exiftool's derived tags (`Composite:`), which carry the final, signed values.
    var isComposite: Bool { groups.contains("Composite") }

    /// How much the value is trusted when several groups carry the same tag: derived composites
    /// and the file's own coding parameters first, then the primary structures (EXIF, QuickTime,
    /// PNG, RIFF, ungrouped output, which is already exiftool's preferred value), maker notes,
    /// and XMP last.
    var priority: MetadataPriority {
        guard let group = groups.last else { return .primary }
        if isComposite || group == "File" { return .file }
        if group.hasPrefix("XMP") || groups.contains(where: { $0.hasPrefix("XMP") }) { return .xmp }
        if groups.contains("MakerNotes") || Self.makerNoteGroups.contains(group) { return .secondary }
        return .primary
    }

    /// The family-1 groups of the maker notes exiftool reads for the cameras and phones that
    /// write the fields vestige indexes.
    private static let makerNoteGroups: Set<String> = [
        "Apple", "Canon", "Casio", "DJI", "FujiFilm", "GoPro", "Google", "Kodak", "Minolta", "Nikon", "Olympus",
        "Panasonic", "Pentax", "Ricoh", "Samsung", "Sigma", "Sony",
    ]

    /// The value as text: strings as they are, numbers as exiftool printed them ("16.5"), the
    /// first item of a list; nil for null, booleans and objects.
    var text: String? {
        switch value {
        case .string(let text): text
        case .number(let literal): literal
        case .array(let items): items.first.flatMap { ExifToolTag(key: key, value: $0).text }
        default: nil
        }
    }
}
