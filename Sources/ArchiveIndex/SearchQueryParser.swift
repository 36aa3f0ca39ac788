/// Turns user query text into a `SearchQuery`, or a `SearchQueryError` with the position.
///
/// Syntax (FTS5's, made safe): words are ANDed; `AND`, `OR`, `NOT` (upper case) are operators;
/// `"exact phrase"` (curly quotes work too); `word*` and `"phrase"*` are prefix searches;
/// `( … )` groups; `#tag` finds posts tagged so and `@handle` posts mentioning that account,
/// while the plain word finds both the word and the tag. Case and diacritics never
/// matter ("Munchen" finds "München"). `NOT` excludes: `a NOT b`; it needs something before it,
/// as in FTS5. `NEAR(…)`, column filters and other FTS5 syntax are not offered: such characters
/// inside a word are searched as punctuation, which the tokenizer drops.
public struct SearchQueryParser {
    /// Most terms in one query.
    public static let maxTerms = 128

    private enum Token: Equatable {
        case word(String, prefix: Bool)
        case phrase(String, prefix: Bool)
        case open, close, and, or, not, end
    }

    private var tokens: [(token: Token, column: Int)] = []
    private var position = 0

    private init() {}

    /// Parses `text`.
    public static func parse(_ text: String) throws(SearchQueryError) -> SearchQuery {
        var parser = SearchQueryParser()
        try parser.lex(text)
        let termCount = parser.tokens.filter {
            if case .word = $0.token { return true }
            if case .phrase = $0.token { return true }
            return false
        }.count
        if termCount == 0 {
            let first = parser.tokens.first.flatMap { $0.token == .end ? nil : $0.column } ?? 1
            throw SearchQueryError(column: first, message: "the query has no words to search for")
        }
        if termCount > maxTerms {
            throw SearchQueryError(column: 1, message: "too many terms (\(termCount)); at most \(maxTerms)")
        }
        let query = try parser.parseOr()
        let (token, column) = parser.current
        switch token {
        case .end: return query
        case .close:
            throw SearchQueryError(column: column, message: "unbalanced parenthesis: this ) has no ( before it")
        default: throw SearchQueryError(column: column, message: "unexpected text")
        }
    }

    // MARK: - Lexing

    private static func isQuote(_ c: Character) -> Bool { c == "\"" || c == "“" || c == "”" || c == "„" }
    private static func isClosingQuote(_ c: Character) -> Bool { c == "\"" || c == "“" || c == "”" }
    private static func isTokenCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_"
    }

    private mutating func lex(_ text: String) throws(SearchQueryError) {
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let c = characters[index]
            let column = index + 1
            if c.isWhitespace {
                index += 1
            } else if c == "(" {
                tokens.append((.open, column))
                index += 1
            } else if c == ")" {
                tokens.append((.close, column))
                index += 1
            } else if Self.isQuote(c) {
                var end = index + 1
                while end < characters.count, !Self.isClosingQuote(characters[end]) { end += 1 }
                guard end < characters.count else {
                    throw SearchQueryError(column: column, message: "unbalanced quote: the \" here is never closed")
                }
                let phrase = String(characters[(index + 1)..<end])
                guard phrase.contains(where: Self.isTokenCharacter) else {
                    throw SearchQueryError(column: column, message: "empty phrase: put words between the quotes")
                }
                index = end + 1
                var prefix = false
                if index < characters.count, characters[index] == "*" {
                    prefix = true
                    index += 1
                }
                if index < characters.count, !characters[index].isWhitespace, characters[index] != ")" {
                    if characters[index] == "*" {
                        throw SearchQueryError(
                            column: index + 1, message: "one * ends a prefix search; remove the extra *")
                    }
                    throw SearchQueryError(column: index + 1, message: "put a space after the closing quote")
                }
                tokens.append((.phrase(phrase, prefix: prefix), column))
            } else {
                var end = index
                while end < characters.count, !characters[end].isWhitespace, characters[end] != "(",
                    characters[end] != ")", !Self.isQuote(characters[end])
                {
                    end += 1
                }
                var word = Array(characters[index..<end])
                if word == ["N", "E", "A", "R"], end < characters.count, characters[end] == "(" {
                    throw SearchQueryError(
                        column: column,
                        message: "NEAR(…) is not supported; use an \"exact phrase\" or words joined by AND")
                }
                index = end
                var prefix = false
                if word.last == "*" {
                    word.removeLast()
                    prefix = true
                }
                if let star = word.firstIndex(of: "*") {
                    throw SearchQueryError(
                        column: column + star,
                        message: word.isEmpty || star == 0
                            ? "a bare * has nothing to complete; put it at the end of a word, as in münch*"
                            : "* only goes at the end of a word (prefix search), as in münch*")
                }
                if word.isEmpty {
                    throw SearchQueryError(
                        column: column,
                        message: "a bare * has nothing to complete; put it at the end of a word, as in münch*")
                }
                let text = String(word)
                if !prefix {
                    switch text {
                    case "AND": tokens.append((.and, column)); continue
                    case "OR": tokens.append((.or, column)); continue
                    case "NOT": tokens.append((.not, column)); continue
                    default: break
                    }
                }
                guard word.contains(where: Self.isTokenCharacter) else {
                    throw SearchQueryError(
                        column: column,
                        message:
                            "\(text) has no letters or digits to search for; remove it or put it inside a phrase with words"
                    )
                }
                tokens.append((.word(text, prefix: prefix), column))
            }
        }
        tokens.append((.end, characters.count + 1))
    }

    // MARK: - Parsing

    private var current: (Token, Int) { (tokens[position].token, tokens[position].column) }

    private static func startsTerm(_ token: Token) -> Bool {
        switch token {
        case .word, .phrase, .open: true
        default: false
        }
    }

    private mutating func parseOr() throws(SearchQueryError) -> SearchQuery {
        if case (.or, let column) = current {
            throw SearchQueryError(column: column, message: "OR needs a term before it")
        }
        var items = [try parseAnd()]
        while case (.or, let column) = current {
            position += 1
            guard Self.startsTerm(current.0) else {
                throw SearchQueryError(column: column, message: "OR needs a term after it")
            }
            items.append(try parseAnd())
        }
        return items.count == 1 ? items[0] : .or(items)
    }

    private mutating func parseAnd() throws(SearchQueryError) -> SearchQuery {
        var kept: [SearchQuery] = []
        var excluded: [SearchQuery] = []
        loop: while true {
            let (token, column) = current
            switch token {
            case .end, .close, .or:
                break loop
            case .and:
                guard !kept.isEmpty || !excluded.isEmpty else {
                    throw SearchQueryError(column: column, message: "AND needs a term before it")
                }
                position += 1
                guard Self.startsTerm(current.0) || current.0 == .not else {
                    throw SearchQueryError(column: column, message: "AND needs a term after it")
                }
            case .not:
                guard !kept.isEmpty else {
                    throw SearchQueryError(
                        column: column,
                        message: "NOT needs a term before it (write: word NOT other); it excludes from what comes first"
                    )
                }
                position += 1
                guard Self.startsTerm(current.0) else {
                    throw SearchQueryError(column: column, message: "NOT needs a term after it")
                }
                excluded.append(try parsePrimary())
            default:
                kept.append(try parsePrimary())
            }
        }
        guard !kept.isEmpty else {
            let (_, column) = current
            throw SearchQueryError(column: column, message: "expected a word or \"phrase\" here")
        }
        var query = kept.count == 1 ? kept[0] : .and(kept)
        for item in excluded { query = .exclude(query, item) }
        return query
    }

    private mutating func parsePrimary() throws(SearchQueryError) -> SearchQuery {
        let (token, column) = current
        switch token {
        case .word(let text, let prefix):
            position += 1
            return .term(text, prefix: prefix)
        case .phrase(let text, let prefix):
            position += 1
            return .phrase(text, prefix: prefix)
        case .open:
            position += 1
            if case .close = current.0 {
                throw SearchQueryError(column: column, message: "empty parentheses")
            }
            let inner = try parseOr()
            guard case .close = current.0 else {
                throw SearchQueryError(column: column, message: "unbalanced parenthesis: this ( is never closed")
            }
            position += 1
            return inner
        default:
            throw SearchQueryError(column: column, message: "expected a word or \"phrase\" here")
        }
    }
}
