/// A date and time in exiftool's form, "YYYY:MM:DD HH:MM:SS[.ss][±HH:MM|Z]".
public struct ExifToolDate: Sendable, Hashable {
    /// The text as exiftool printed it (surrounding spaces and a trailing " DST" removed): the form
    /// the index stores for every date column.
    public var text: String
    /// True when the text carries a zone (`Z` or a numeric offset).
    public var hasZone: Bool
    /// The instant, when the text is a real calendar date (taken as UTC when it has no zone);
    /// nil for exiftool's zero date "0000:00:00 00:00:00".
    public var instant: Timestamp?

    /// A date.
    public init(text: String, hasZone: Bool, instant: Timestamp?) {
        self.text = text
        self.hasZone = hasZone
        self.instant = instant
    }
}
