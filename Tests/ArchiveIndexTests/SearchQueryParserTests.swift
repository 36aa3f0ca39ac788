import ArchiveIndex
import Testing

@Suite struct SearchQueryParserTests {
    @Test(arguments: [
        ("munich beer", #"("munich" AND "beer")"#),
        ("a OR b", #"("a" OR "b")"#),
        ("a b OR c", #"(("a" AND "b") OR "c")"#),
        ("a NOT b", #"("a" NOT "b")"#),
        ("a NOT b c", #"(("a" AND "c") NOT "b")"#),
        (#""river bank""#, #""river bank""#),
        (#"“river bank”"#, #""river bank""#),
        ("münch*", #""münch"*"#),
        (#""river ba"*"#, #""river ba"*"#),
        ("#tag @handle", ##"(tags : "tag" AND mentions : "handle")"##),
        ("#tag*", ##"tags : "tag"*"##),
        ("@a@b.social", ##"(mentions : "a" AND "a@b.social")"##),
        ("(a OR b) c", #"(("a" OR "b") AND "c")"#),
        ("a AND b", #"("a" AND "b")"#),
        ("e-mail", #""e-mail""#),
        ("near or and not", #"("near" AND "or" AND "and" AND "not")"#),
        ("NEAR", #""NEAR""#),
        ("col:umn ^x +y", #"("col:umn" AND "^x" AND "+y")"#),
    ])
    func rendersSafeMatchExpressions(query: String, expected: String) throws {
        #expect(try SearchQueryParser.parse(query).ftsMatch == expected)
    }

    @Test(arguments: [
        (#""unbalanced"#, 1, "unbalanced quote"),
        (#"ok "unbalanced"#, 4, "unbalanced quote"),
        ("*", 1, "bare *"),
        ("foo *", 5, "bare *"),
        ("fo*o", 3, "end of a word"),
        ("NEAR(a b)", 1, "NEAR"),
        ("a OR", 3, "OR needs a term after it"),
        ("OR a", 1, "OR needs a term before it"),
        ("NOT a", 1, "NOT needs a term before it"),
        ("a NOT", 3, "NOT needs a term after it"),
        ("a AND", 3, "AND needs a term after it"),
        ("", 1, "no words"),
        ("   ", 1, "no words"),
        ("'; DROP TABLE posts; --", 1, "no letters or digits"),
        ("(a b", 1, "never closed"),
        ("a b)", 4, "has no ("),
        ("()", 1, "no words"),
        ("a ()", 3, "empty parentheses"),
        (#""""#, 1, "empty phrase"),
    ])
    func rejectsMalformedQueriesWithTheirColumn(query: String, column: Int, message: String) {
        do {
            let parsed = try SearchQueryParser.parse(query)
            Issue.record("expected an error for \(query), got \(parsed.ftsMatch)")
        } catch {
            #expect(error.column == column, "\(query): \(error)")
            #expect(error.message.contains(message), "\(query): \(error)")
            #expect(error.description.hasPrefix("query error at column \(column): "))
        }
    }

    @Test func quotesInsideTermsAreEscaped() throws {
        // A curly-quoted phrase may hold an ASCII-looking apostrophe; nothing escapes the quoting.
        let query = try SearchQueryParser.parse("it's „quoted\" x")
        #expect(query.ftsMatch == #"("it's" AND "quoted" AND "x")"#)
    }
}
