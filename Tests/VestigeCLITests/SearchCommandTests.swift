import ArgumentParser
import Foundation
import Testing
import VestigeCLI

@Suite struct SearchCommandTests {
    @Test func importReportsBadLinesAndIsIdempotent() throws {
        let fixture = try SearchCLIFixture()
        defer { fixture.remove() }
        let (output, console, bad) = try fixture.runImport()
        #expect(output.contains("imported 4, updated 0, unchanged 0, bad 1"))
        #expect(console.contains("vestige: \(fixture.dump):5: not valid JSON"))
        #expect(bad == 1)
        let (again, _, _) = try fixture.runImport()
        #expect(again.contains("imported 0, updated 0, unchanged 4, bad 1"))
    }

    @Test func jsonOutputHasEveryField() throws {
        let fixture = try SearchCLIFixture()
        defer { fixture.remove() }
        _ = try fixture.runImport()
        let hits = try fixture.searchJSON(["munchen"])
        #expect(hits.count == 2)
        let first = try #require(hits.first { $0["post_id"] as? String == "1" })
        for key in [
            "kind", "url", "body", "snippet", "created_at", "latitude", "longitude", "deleted_at", "warc_file",
            "warc_offset", "record_id", "payload_digest", "author",
        ] {
            #expect(first.keys.contains(key), "missing \(key)")
        }
        #expect(first["kind"] as? String == "post")
        #expect(first["created_at"] as? String == "2021-01-06T18:30:00Z")
        #expect((first["snippet"] as? String)?.contains("[München]") == true)
        #expect(first["deleted_at"] is NSNull)
        let deleted = try #require(hits.first { $0["post_id"] as? String == "3" })
        #expect(deleted["deleted_at"] as? String == "2021-02-01T00:00:00Z")
        #expect(deleted["latitude"] is NSNull)
    }

    @Test func jsonlAndCSVParseBack() throws {
        let fixture = try SearchCLIFixture()
        defer { fixture.remove() }
        _ = try fixture.runImport()
        let jsonl = try fixture.search(["--format", "jsonl", "--sort", "time"])
        let objects = try jsonl.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(objects.compactMap { $0?["post_id"] as? String } == ["3", "1", "4", "2"])
        let csv = try fixture.search(["--format", "csv"])
        let rows = CSVReader.parse(csv)
        let header = try #require(rows.first)
        #expect(header.starts(with: ["kind", "id", "url"]))
        #expect(rows.count == 5)
        let bodyColumn = try #require(header.firstIndex(of: "body"))
        let bodies = rows.dropFirst().map { $0[bodyColumn] }
        #expect(bodies.contains("Null island, with comma\nand newline"))
        #expect(bodies.contains("Grüße aus München, \"quoted\" #Oktoberfest"))
        #expect(rows.allSatisfy { $0.count == header.count })
    }

    @Test func geojsonHasPointsInLonLatOrder() throws {
        let fixture = try SearchCLIFixture()
        defer { fixture.remove() }
        _ = try fixture.runImport()
        let text = try fixture.search(["--format", "geojson", "--include-null-island"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["type"] as? String == "FeatureCollection")
        let features = try #require(object["features"] as? [[String: Any]])
        // Post 3 has no position: left out.
        #expect(features.count == 3)
        let munich = try #require(features.first { ($0["properties"] as? [String: Any])?["post_id"] as? String == "1" })
        let geometry = try #require(munich["geometry"] as? [String: Any])
        #expect(geometry["type"] as? String == "Point")
        #expect(geometry["coordinates"] as? [Double] == [11.575, 48.137])
    }

    @Test func tableHighlightsWithBracketsOffATerminal() throws {
        let fixture = try SearchCLIFixture()
        defer { fixture.remove() }
        _ = try fixture.runImport()
        let table = try fixture.search(["#oktoberfest"])
        // The tag sign separates tokens: the highlight is the word after it.
        #expect(table.contains("#[Oktoberfest]"))
        #expect(table.contains("1 hit"))
        #expect(!table.contains("\u{1B}["))
    }

    @Test(arguments: [
        (["--near=91,0", "--radius-km", "5"], "--near"),
        (["--near=10,0"], "--radius-km"),
        (["--near=10,0", "--radius-km=-1"], "--radius-km"),
        (["--bbox=1,2,3"], "--bbox"),
        (["--bbox=1,2,3,x"], "--bbox"),
        (["--bbox=0,10,1,5"], "--bbox"),
        (["--since=notadate"], "--since"),
        (["--until=2021-02-30"], "--until"),
        (["--since=2021-01-02", "--until=2021-01-01"], "--since"),
        (["--limit=-1"], "--limit"),
        (["\"unbalanced"], "query error at column 1: unbalanced quote"),
        (["a", "OR"], "query error at column 3: OR needs a term after it"),
        (["NEAR(a"], "query error at column 1: NEAR"),
        (["*"], "query error at column 1"),
        (["'; DROP TABLE posts; --"], "query error at column 1"),
    ])
    func badOptionsAndQueriesAreUsageErrors(arguments: [String], mention: String) throws {
        let fixture = try SearchCLIFixture()
        defer { fixture.remove() }
        _ = try fixture.runImport()
        let database = fixture.archive + "/archive.sqlite"
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        let command = try SearchCommand.parse(["--archive", fixture.archive] + arguments)
        do {
            _ = try command.request()
            Issue.record("expected a usage error for \(arguments)")
        } catch {
            #expect(error.message.contains(mention), "\(error.message)")
        }
        do {
            try command.run()
            Issue.record("expected exit 64 for \(arguments)")
        } catch let exit as ExitCode {
            #expect(exit.rawValue == 64)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
    }

    @Test func missingArchiveIsARuntimeFailure() throws {
        let command = try SearchCommand.parse(["--archive", "/nonexistent/vestige-archive", "x"])
        do {
            try command.run()
            Issue.record("expected a failure")
        } catch let exit as ExitCode {
            #expect(exit.rawValue == 1)
        }
    }
}
