import ArchiveIndex
import Testing

@Suite struct JSONParserTests {
    @Test func parsesObjectsWithEscapesAndBigNumbers() throws {
        let value = try JSONParser.parse(
            Array(#"{"id": 1346889436626259968, "t": "a\"b\u00fc\ud83d\ude00", "x": [1.5e3, true, null]}"#.utf8))
        #expect(value["id"] == .number("1346889436626259968"))
        #expect(value["t"]?.string == "a\"bü😀")
        #expect(value["x"] == .array([.number("1.5e3"), .bool(true), .null]))
    }

    @Test(arguments: [#"{"a":1"#, #"{"a":01}"#, #"{"a":"\ud800"}"#, "[1,]", #"{"a" 1}"#, "{} x"])
    func rejectsInvalidJSON(text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(text.utf8)) }
    }

    @Test func rejectsDeepNesting() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(deep.utf8)) }
    }
}
