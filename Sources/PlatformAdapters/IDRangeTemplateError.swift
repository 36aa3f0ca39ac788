/// Why an id range template was refused.
public enum IDRangeTemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The template is not an absolute http(s) URL.
    case notHTTPURL(String)
    /// The template must contain `{id}` exactly once.
    case placeholderCount(String, found: Int)
    /// The range starts after it ends, or below 0.
    case badRange(first: Int, last: Int)
    /// The range holds more ids than `IDRangeTemplate.maxCount`.
    case tooMany(count: String, limit: Int)

    public var description: String {
        switch self {
        case .notHTTPURL(let template):
            "id template \"\(template)\" is not an http(s) URL such as http://host/api/post/{id}"
        case .placeholderCount(let template, let found):
            "id template \"\(template)\" must contain {id} exactly once (found \(found))"
        case .badRange(let first, let last):
            "id range \(first)...\(last) is empty or negative: give first ≤ last, both ≥ 0"
        case .tooMany(let count, let limit):
            "id range holds \(count) ids, more than the \(limit) allowed in one range: split it"
        }
    }
}
