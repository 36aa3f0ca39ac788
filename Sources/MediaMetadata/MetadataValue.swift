/// One extracted value, typed the way exiftool's `-n` output types it.
public enum MetadataValue: Sendable, Hashable, CustomStringConvertible {
    /// Text as stored (dates in exiftool's "YYYY:MM:DD HH:MM:SS[+HH:MM]" form).
    case text(String)
    /// A whole number such as a pixel count.
    case integer(Int64)
    /// A real number such as degrees, metres or seconds.
    case real(Double)
    /// A numeric field whose stored value is unusable (zero denominator), kept as the text
    /// exiftool prints for it ("", "inf", "undef") so scripts comparing with exiftool agree.
    case unusable(String)

    /// The value as a real number, when it is one.
    public var number: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .real(let value): value
        case .text, .unusable: nil
        }
    }

    /// The value as text, when it is text.
    public var string: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    public var description: String {
        switch self {
        case .text(let value), .unusable(let value): value
        case .integer(let value): String(value)
        case .real(let value): NumberFormatting.shortest(value)
        }
    }
}
