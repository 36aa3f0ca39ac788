/// One header field of an HTTP message, as a name and a value.
public struct HTTPField: Sendable, Hashable {
    /// The field name as written (compare it case-insensitively).
    public var name: String
    /// The field value, without leading or trailing whitespace.
    public var value: String

    /// A field with this name and value.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
