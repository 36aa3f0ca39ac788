/// A GPS altitude read from exiftool output: metres, with the sea-level reference when the text
/// named one ("139 m Above Sea Level", "12 m Below Sea Level").
public struct ExifToolAltitude: Sendable, Hashable {
    /// Which side of sea level the text said.
    public enum Reference: Sendable, Hashable {
        /// "Above Sea Level".
        case above
        /// "Below Sea Level".
        case below
    }

    /// Metres, negative below sea level when the text said so (or carried a minus sign).
    public var metres: Double
    /// The reference named in the text; nil for a bare number or "35 m".
    public var reference: Reference?

    /// An altitude of `metres`.
    public init(metres: Double, reference: Reference? = nil) {
        self.metres = metres
        self.reference = reference
    }
}
