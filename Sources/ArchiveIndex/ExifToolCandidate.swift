import MediaMetadata

/// A value for one indexed field read from one tag of an exiftool object, before the best of
/// several tags (groups) is chosen.
struct ExifToolCandidate {
    /// The field it is for.
    var field: MetadataField
    /// The value (`.unusable` for text exiftool printed where a number was due).
    var value: MetadataValue
    /// The key(s) it came from, for the row's `sources`.
    var source: String
    /// How much it is trusted (see `ExifToolTag.priority`).
    var priority: MetadataPriority
    /// A warning to record when this candidate is the one chosen.
    var warning: String?
}
