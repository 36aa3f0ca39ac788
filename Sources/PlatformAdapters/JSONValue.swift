/// A JSON value from an API response or a JSON-LD block.
///
/// Numbers keep their literal text, so 64-bit ids ("1346889436626259968") stay exact.
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in the order written.
    case object([(key: String, value: JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
        default: false
        }
    }

    /// The member `key` of an object (the last one when repeated).
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    /// The first of `keys` that is present and not null.
    func first(_ keys: String...) -> JSONValue? {
        for key in keys {
            if let value = self[key], value != .null { return value }
        }
        return nil
    }

    /// A string, or a number's literal text (ids arrive as either).
    var text: String? {
        switch self {
        case .string(let value): value
        case .number(let literal): literal
        default: nil
        }
    }

    /// Non-blank `text`.
    var nonBlankText: String? {
        guard let text = text?.trimmingBlanks(), !text.isEmpty else { return nil }
        return text
    }

    /// A string's value.
    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// A number, or a string holding one.
    var double: Double? {
        switch self {
        case .number(let literal): Double(literal)
        case .string(let value): Double(value.trimmingBlanks())
        default: nil
        }
    }

    /// `true`, or a string/number that says so.
    var isTrue: Bool {
        switch self {
        case .bool(let value): value
        case .string(let value): value == "true" || value == "1"
        case .number(let literal): literal == "1"
        default: false
        }
    }

    /// An array's elements; a single value as a one-element list; nothing for null.
    var list: [JSONValue] {
        switch self {
        case .array(let elements): elements
        case .null: []
        default: [self]
        }
    }

    /// Whether this is an object.
    var isObject: Bool {
        if case .object = self { return true }
        return false
    }
}
