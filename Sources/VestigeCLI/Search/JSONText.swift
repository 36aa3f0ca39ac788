import ArchiveIndex

/// JSON literals for the search output formats.
enum JSONText {
    /// A JSON string literal.
    static func quoted(_ text: String) -> String { JSONValue.quoted(text) }

    /// A JSON number: integers without ".0", others in Swift's shortest round-trip form.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
