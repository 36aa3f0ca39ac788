import ArchiveIndex
import ArgumentParser

/// One line of `vestige search --batch`: a JSON object whose keys are the options of `vestige
/// search` in snake_case (`radius_km` for `--radius-km`) and whose values are what one would type
/// after them; `query` is the query. The object becomes the same argument list and is parsed by
/// the same `SearchFilterOptions`, so a batch query and a single search always select the same
/// hits, and an option added to `search` is a batch key at once.
///
/// `{"query": "flood", "near": "38.89,-77.01", "radius_km": 2, "since": "2021-01-06", "kind": "media"}`
/// `true` turns a flag on (`false` leaves it off); a list of numbers is written with commas
/// (`"near": [38.89, -77.01]`); a list of strings repeats the option (`"kind": ["post", "media"]`).
enum SearchBatchLine {
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
                continue
            }
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw SearchUsageError("\"\(key)\" is not an option name (use snake_case: radius_km for --radius-km)")
            }
            let option = "--" + String(key.map { $0 == "_" ? "-" : $0 })
            arguments += try Self.arguments(option, member, key: key)
        }
        let options: SearchFilterOptions
        do {
            options = try SearchFilterOptions.parse(arguments + (query.isEmpty ? [] : ["--"] + query))
        } catch {
            throw SearchUsageError(
                SearchFilterOptions.message(for: error)
                    + " (the keys are the options of vestige search in snake_case, and query)")
        }
        return try options.request(defaultLimit: defaultLimit)
    }

    /// The command-line arguments one key stands for.
    private static func arguments(_ option: String, _ value: JSONValue, key: String) throws(SearchUsageError)
        -> [String]
    {
        switch value {
        case .bool(let on): return on ? [option] : []
        case .string(let text): return [option + "=" + text]
        case .number(let text): return [option + "=" + text]
        case .array(let items):
            if items.allSatisfy({ if case .number = $0 { true } else { false } }) {
                return [
                    option + "="
                        + items.compactMap { if case .number(let text) = $0 { text } else { nil } }
                        .joined(separator: ",")
                ]
            }
            var repeated: [String] = []
            for item in items {
                guard let text = item.string else {
                    throw SearchUsageError("\"\(key)\" must be a list of numbers or a list of strings")
                }
                repeated.append(option + "=" + text)
            }
            return repeated
        case .null, .object:
            throw SearchUsageError("\"\(key)\" must be a string, a number, true/false or a list, not \(value.kindName)")
        }
    }
}
