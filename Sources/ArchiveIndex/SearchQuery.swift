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

    /// The FTS5 MATCH expression for `posts_fts`: every term quoted, every group parenthesised;
    /// `#tag` searches the `tags` column and `@handle` the `mentions` column (see `PostTags`),
    /// every other term every column.
    public var ftsMatch: String { render(tagColumns: true) }

    /// The MATCH expression with `#tag` and `@handle` as plain words, for tables without tag
    /// columns (`pages_fts`) and for highlighting the body (where the tag is the word `tag`).
    public var wordsMatch: String { render(tagColumns: false) }

    private func render(tagColumns: Bool) -> String {
        switch self {
        case .term(let text, let prefix):
            if tagColumns, let (column, name, rest) = Self.tagTerm(text) {
                let filter = "\(column) : " + Self.quoted(name, prefix: prefix && rest == nil)
                guard let rest else { return filter }
                return "(" + filter + " AND " + Self.quoted(rest, prefix: prefix) + ")"
            }
            return Self.quoted(text, prefix: prefix)
        case .phrase(let text, let prefix):
            return Self.quoted(text, prefix: prefix)
        case .and(let items):
            return items.count == 1
                ? items[0].render(tagColumns: tagColumns)
                : "(" + items.map { $0.render(tagColumns: tagColumns) }.joined(separator: " AND ") + ")"
        case .or(let items):
            return items.count == 1
                ? items[0].render(tagColumns: tagColumns)
                : "(" + items.map { $0.render(tagColumns: tagColumns) }.joined(separator: " OR ") + ")"
        case .exclude(let kept, let excluded):
            return "(" + kept.render(tagColumns: tagColumns) + " NOT " + excluded.render(tagColumns: tagColumns) + ")"
        }
    }

    private static func quoted(_ text: String, prefix: Bool) -> String {
        let quoted = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        return prefix ? quoted + "*" : quoted
    }

    /// For `#name` the tags column and `name`; for `@name` (or `@name@instance`) the mentions
    /// column, the local part and, with an instance, the whole handle to match as a phrase.
    private static func tagTerm(_ text: String) -> (column: String, name: String, rest: String?)? {
        guard let first = text.first, first == "#" || first == "@" else { return nil }
        let name = text.dropFirst()
        guard !name.isEmpty else { return nil }
        if first == "#" { return ("tags", String(name), nil) }
        guard let at = name.firstIndex(of: "@") else { return ("mentions", String(name), nil) }
        return ("mentions", String(name[..<at]), String(name))
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
