import ArchiveIndex
import ArgumentParser

/// One line of `vestige search --batch`: a JSON object whose keys are the options of `vestige
/// search` (snake_case) and whose values are what one would type after them. The object becomes
/// the same argument list and is parsed by the same `SearchFilterOptions`, so a batch query and a
/// single search always select the same hits.
///
/// `{"query": "flood", "near": "38.89,-77.01", "radius_km": 2, "since": "2021-01-06", "kind": "media"}`
/// Lists are accepted for `kind` (several kinds) and for `near` ([lat, lon]) and `bbox` (4 numbers).
enum SearchBatchLine {
    /// Keys that take a value, with the option they stand for.
    static let valueOptions: [String: String] = [
        "near": "--near", "radius_km": "--radius-km", "bbox": "--bbox", "since": "--since", "until": "--until",
        "author": "--author", "limit": "--limit", "sort": "--sort",
    ]
    /// Keys that are on/off flags.
    static let flags: [String: String] = [
        "has_gps": "--has-gps", "deleted": "--deleted", "history": "--history",
        "include_null_island": "--include-null-island",
    ]

    /// The request for `line`; throws `SearchUsageError` naming the key or value at fault.
    static func request(_ line: String, defaultLimit: Int) throws(SearchUsageError) -> SearchRequest {
        let value: JSONValue
        do {
            value = try JSONParser.parse(Array(line.utf8))
        } catch {
            throw SearchUsageError("not a JSON object: \(error)")
        }
        guard case .object(let members) = value else {
            throw SearchUsageError("expected a JSON object such as {\"query\": \"flood\"}, got \(value.kindName)")
        }
        var arguments: [String] = []
        var query: [String] = []
        for (key, member) in members {
            if key == "query" {
                guard let text = member.string else { throw SearchUsageError("\"query\" must be a string") }
                query = [text]
            } else if key == "kind" {
                let kinds: [JSONValue] = if case .array(let items) = member { items } else { [member] }
                for kind in kinds {
                    guard let text = kind.string else { throw SearchUsageError("\"kind\" must be a string or strings") }
                    arguments.append("--kind=" + text)
                }
            } else if let option = valueOptions[key] {
                arguments.append(option + "=" + (try text(of: member, key: key)))
            } else if let flag = flags[key] {
                guard case .bool(let on) = member else { throw SearchUsageError("\"\(key)\" must be true or false") }
                if on { arguments.append(flag) }
            } else {
                let known = (["query", "kind"] + valueOptions.keys + flags.keys).sorted().joined(separator: ", ")
                throw SearchUsageError("unknown key \"\(key)\"; the keys are \(known)")
            }
        }
        let options: SearchFilterOptions
        do {
            options = try SearchFilterOptions.parse(arguments + (query.isEmpty ? [] : ["--"] + query))
        } catch {
            throw SearchUsageError(SearchFilterOptions.message(for: error))
        }
        return try options.request(defaultLimit: defaultLimit)
    }

    /// A value as the text typed after its option: strings as they are, numbers as written,
    /// arrays of numbers joined with commas.
    private static func text(of value: JSONValue, key: String) throws(SearchUsageError) -> String {
        switch value {
        case .string(let text): return text
        case .number(let text): return text
        case .array(let items):
            var parts: [String] = []
            for item in items {
                guard case .number(let text) = item else {
                    throw SearchUsageError("\"\(key)\" must be a string, a number or a list of numbers")
                }
                parts.append(text)
            }
            return parts.joined(separator: ",")
        default:
            throw SearchUsageError("\"\(key)\" must be a string, a number or a list of numbers, not \(value.kindName)")
        }
    }
}
