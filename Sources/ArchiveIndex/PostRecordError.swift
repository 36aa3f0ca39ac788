/// Why a JSONL dump line is not a usable post.
public enum PostRecordError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line is valid JSON but not an object.
    case notAnObject(String)
    /// A required key is missing or null.
    case missing(String)
    /// A key has a value of the wrong JSON type.
    case wrongType(String, expected: String, found: String)
    /// A date that is not ISO 8601.
    case badDate(String, String)
    /// A value that is out of range or otherwise unusable.
    case invalid(String, String)
    /// The line is not JSON.
    case syntax(JSONParseError)

    public var description: String {
        switch self {
        case .notAnObject(let kind): "line is \(kind), expected a JSON object"
        case .missing(let key): "missing \"\(key)\""
        case .wrongType(let key, let expected, let found): "\"\(key)\" is \(found), expected \(expected)"
        case .badDate(let key, let text):
            "\"\(key)\" \(JSONValue.quoted(text)) is not an ISO 8601 date (e.g. 2021-01-06T13:30:00-05:00)"
        case .invalid(let key, let reason): "\"\(key)\" \(reason)"
        case .syntax(let error): "not valid JSON at \(error)"
        }
    }
}
