/// A parsed full-text query: the syntax tree that `SearchQueryParser` builds from user text.
///
/// It is rendered into an FTS5 MATCH expression in which every term is a quoted string, so no
/// user text is ever read as FTS5 syntax (or SQL: the expression is bound as a parameter).
public indirect enum SearchQuery: Sendable, Hashable, CustomStringConvertible {
    /// One word as typed (punctuation inside it makes FTS5 read it as a phrase of its tokens);
    /// `prefix` when it ended with `*`.
    case term(String, prefix: Bool)
    /// An "exact phrase"; `prefix` when a `*` followed the closing quote.
    case phrase(String, prefix: Bool)
    /// All of these.
    case and([SearchQuery])
    /// Any of these.
    case or([SearchQuery])
    /// The first, without the second (`a NOT b`).
    case exclude(SearchQuery, SearchQuery)

    /// The FTS5 MATCH expression: every term quoted, every group parenthesised.
    public var ftsMatch: String {
        switch self {
        case .term(let text, let prefix), .phrase(let text, let prefix):
            let quoted = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            return prefix ? quoted + "*" : quoted
        case .and(let items):
            return items.count == 1 ? items[0].ftsMatch : "(" + items.map(\.ftsMatch).joined(separator: " AND ") + ")"
        case .or(let items):
            return items.count == 1 ? items[0].ftsMatch : "(" + items.map(\.ftsMatch).joined(separator: " OR ") + ")"
        case .exclude(let kept, let excluded):
            return "(" + kept.ftsMatch + " NOT " + excluded.ftsMatch + ")"
        }
    }

    /// The query in vestige's own syntax, normalised.
    public var description: String {
        switch self {
        case .term(let text, let prefix): return text + (prefix ? "*" : "")
        case .phrase(let text, let prefix): return "\"" + text + "\"" + (prefix ? "*" : "")
        case .and(let items): return "(" + items.map(\.description).joined(separator: " ") + ")"
        case .or(let items): return "(" + items.map(\.description).joined(separator: " OR ") + ")"
        case .exclude(let kept, let excluded): return "(" + kept.description + " NOT " + excluded.description + ")"
        }
    }
}

extension String {
    /// `self` with every `target` replaced (Foundation-free).
    func replacingOccurrences(of target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var out = ""
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }
}
