import ArgumentParser
import Foundation
import Testing
import VestigeCLI

/// `vestige search --batch`: one JSON query per line in, one JSON answer per line out, in order;
/// each answer holds exactly the hits `vestige search` gives for the same options.
@Suite struct SearchBatchTests {
    static func batch(_ fixture: SearchCLIFixture, _ lines: [String]) throws -> (
        answers: [[String: Any]], error: (any Error)?
    ) {
        let command = try SearchCommand.parse(["--archive", fixture.archive, "--batch"])
        var remaining = lines[...]
        var output = StringSink()
        var thrown: (any Error)?
        do {
            try command.perform(output: &output, input: { remaining.popFirst() })
        } catch {
            thrown = error
        }
        let answers = try output.text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        return (answers, thrown)
    }

    static func ids(_ hits: Any?) -> [String] {
        ((hits as? [[String: Any]]) ?? []).map { "\($0["kind"] ?? "")/\($0["id"] ?? "")" }
    }

    @Test func answersEachLineLikeASingleSearch() throws {
        let fixture = try SearchCLIFixture()
        defer { fixture.remove() }
        _ = try fixture.runImport()
        let cases: [(line: String, arguments: [String])] = [
            (#"{"query": "munchen"}"#, ["munchen"]),
            (##"{"query": "#travel", "kind": "post"}"##, ["#travel", "--kind", "post"]),
            (#"{"near": [48.1, 11.5], "radius_km": 50}"#, ["--near", "48.1,11.5", "--radius-km", "50"]),
            (#"{"bbox": "170,-50,-170,-10", "has_gps": true}"#, ["--bbox=170,-50,-170,-10", "--has-gps"]),
            (
                #"{"since": "2021-01-06", "until": "2021-01-07", "kind": ["post"]}"#,
                ["--since", "2021-01-06", "--until", "2021-01-07", "--kind", "post"]
            ),
            (#"{"deleted": true, "limit": 1}"#, ["--deleted", "--limit", "1"]),
            (#"{"query": "-x OR flood"}"#, ["--", "-x OR flood"]),
        ]
        let (answers, error) = try Self.batch(fixture, cases.map(\.line))
        #expect(error == nil)
        #expect(answers.count == cases.count)
        for (index, item) in cases.enumerated() {
            #expect(answers[index]["line"] as? Int == index + 1)
            let text = try fixture.search(["--format", "json"] + item.arguments)
            let single = Self.ids(try JSONSerialization.jsonObject(with: Data(text.utf8)))
            #expect(Self.ids(answers[index]["hits"]) == single, "line \(item.line)")
        }
        #expect(Self.ids(answers[0]["hits"]).count == 2)
    }

    @Test func badLinesAreAnsweredWithAnErrorAndTheBatchGoesOn() throws {
        let fixture = try SearchCLIFixture()
        defer { fixture.remove() }
        _ = try fixture.runImport()
        let lines = [
            "not json", #"["query"]"#, #"{"query": "\"open"}"#, #"{"colour": "red"}"#, "",
            #"{"near": "91,0", "radius_km": 1}"#, #"{"has_gps": "yes"}"#, #"{"query": "fiji"}"#,
        ]
        let (answers, error) = try Self.batch(fixture, lines)
        #expect((error as? ExitCode) == ExitCode(65))
        #expect(answers.map { $0["line"] as? Int } == [1, 2, 3, 4, 6, 7, 8])
        let errors = answers.prefix(6).map { $0["error"] as? String ?? "" }
        #expect(errors.allSatisfy { !$0.isEmpty })
        #expect(errors[1].contains("JSON object"))
        #expect(errors[2].contains("quote"))
        #expect(errors[3].contains("colour"))
        #expect(errors[4].contains("--near"))
        #expect(errors[5].contains("--has-gps"))
        #expect(Self.ids(answers[6]["hits"]).count == 1)
    }

    @Test func batchTakesNoQueryOnTheCommandLine() {
        #expect(throws: (any Error).self) {
            try SearchCommand.parseAsRoot(["--archive", "x", "--batch", "flood"])
        }
    }
}
