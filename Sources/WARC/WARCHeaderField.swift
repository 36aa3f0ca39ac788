/// One `Name: value` line of a WARC (or HTTP, or application/warc-fields) header section.
public struct WARCHeaderField: Sendable, Hashable {
    /// The field name as written (case is kept; lookups ignore it).
    public var name: String
    /// The field value, without surrounding whitespace.
    public var value: String

    /// A field with this name and value.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
