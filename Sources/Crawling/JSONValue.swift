#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Any JSON value, for reading JSON-LD and API responses whose shape varies.
public enum JSONValue: Decodable, Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Parses JSON bytes; nil when they are not JSON.
    public static func parse(_ bytes: some Sequence<UInt8>) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    /// The member `key` of an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The value as text (strings; numbers without a fraction as integers).
    public var string: String? {
        switch self {
        case .string(let text): text
        case .number(let number) where number == number.rounded() && abs(number) < 1e15: String(Int64(number))
        case .number(let number): String(number)
        default: nil
        }
    }

    /// The elements of an array, or the value itself as a one-element list.
    public var list: [JSONValue] {
        if case .array(let elements) = self { return elements }
        return self == .null ? [] : [self]
    }

    /// Every string found under any of `keys`, at any depth (at most `limit`).
    public func strings(forKeys keys: Set<String>, limit: Int = 10_000) -> [String] {
        var found: [String] = []
        var stack: [(JSONValue, Bool)] = [(self, false)]
        while let (value, wanted) = stack.popLast(), found.count < limit {
            switch value {
            case .string(let text) where wanted: found.append(text)
            case .array(let elements): stack += elements.map { ($0, wanted) }
            case .object(let members): stack += members.map { ($0.value, keys.contains($0.key)) }
            default: continue
            }
        }
        return found
    }
}
