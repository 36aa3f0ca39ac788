import Testing

@testable import PlatformAdapters

@Suite struct InternalsTests {
    @Test func jsonReaderKeepsNumbersAndSalvagesArrays() {
        #expect(
            JSONReader.parse(Array(#"{"id": 1346889436626259968, "x": -1.5e3}"#.utf8))?["id"]
                == .number("1346889436626259968"))
        let cut = JSONReader.read(Array(#"[{"a":1},{"b":2},{"c":"#.utf8))
        #expect(!cut.complete)
        #expect(cut.value == .array([.object([("a", .number("1"))]), .object([("b", .number("2"))])]))
        #expect(JSONReader.parse(Array(#""\u00e9\ud83d\ude00\/""#.utf8)) == .string("é😀/"))
        #expect(JSONReader.parse(Array("[1] x".utf8)) == nil)
        #expect(JSONReader.parse(Array("tru".utf8)) == nil)
        let deep = Array(repeating: UInt8(ascii: "["), count: 100) + Array(repeating: UInt8(ascii: "]"), count: 100)
        #expect(JSONReader.read(deep).complete, "too-deep values are skipped, not errors")
    }

    @Test func urlResolution() {
        let base = "https://h.example/a/b/c?q=1#frag"
        #expect(URLParts.resolve("d", against: base) == "https://h.example/a/b/d")
        #expect(URLParts.resolve("../d?x=1#y", against: base) == "https://h.example/a/d?x=1")
        #expect(URLParts.resolve("/d/./e/../f", against: base) == "https://h.example/d/f")
        #expect(URLParts.resolve("//cdn.example/x", against: base) == "https://cdn.example/x")
        #expect(URLParts.resolve("?page=2", against: base) == "https://h.example/a/b/c?page=2")
        #expect(URLParts.resolve("HTTP://Other.Example:8080", against: base) == "http://other.example:8080/")
        #expect(URLParts.resolve(" a b ", against: base) == "https://h.example/a/b/a%20b")
        #expect(URLParts.resolve("javascript:alert(1)", against: base) == nil)
        #expect(URLParts.resolve("mailto:x@y", against: base) == nil)
        #expect(URLParts.resolve("a\nb", against: base) == nil)
        #expect(URLParts.resolve("x", against: "not a url") == nil)
        #expect(URLParts("http://user:pw@Host.Example:81/p")?.authority == "host.example:81")
        #expect(URLParts("http://[::1]:8080/p")?.host == "[::1]")
    }

    @Test func linkHeaders() {
        let values = [
            #"<https://h/a?max_id=1>; rel="next", <https://h/a?min_id=9>; rel="prev""#,
            #"<https://h/b>;rel=next,<https://h/c>; rel="prev next"; title="x, y""#, "garbage <unclosed",
        ]
        #expect(LinkHeader.targets(values, relation: "next") == ["https://h/a?max_id=1", "https://h/b", "https://h/c"])
        #expect(LinkHeader.targets(values, relation: "prev") == ["https://h/a?min_id=9", "https://h/c"])
    }

    @Test func htmlToText() {
        #expect(TextCleaning.htmlToText("<p>a &amp; b</p><p>Grüße <br>c</p>") == "a & b\nGrüße\nc")
        #expect(TextCleaning.htmlToText("plain   text") == "plain text")
        #expect(TextCleaning.htmlToText("<script>x</script>y") == "y")
    }

    @Test func xmlScanner() {
        var tokens: [XMLToken] = []
        XMLScanner.scan(
            Array(
                "<?xml?><!DOCTYPE x [<!ENTITY a 'b'>]><a x='1' y=\"&lt;\">t&amp;&#65;&#x42;&nope;<![CDATA[<c>]]><b/></a>"
                    .utf8)
        ) {
            tokens.append($0)
            return true
        }
        #expect(
            tokens == [
                .start(name: "a", attributes: ["x": "1", "y": "<"], selfClosing: false), .text("t&AB&nope;"),
                .text("<c>"),
                .start(name: "b", attributes: [:], selfClosing: true), .end(name: "a"),
            ])
    }
}
