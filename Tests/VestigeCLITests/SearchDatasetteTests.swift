import Foundation
import Testing

/// The archive opens unchanged in Datasette: it detects `posts_fts` (content="posts") and
/// `?_search=` finds posts case- and diacritic-insensitively, hashtags included.
/// Needs `python3` with `datasette` importable (CI: `pip install datasette`); skipped otherwise.
@Suite struct SearchDatasetteTests {
    static let script = """
        import asyncio, json, sys, urllib.parse
        from datasette.app import Datasette

        async def main(path):
            ds = Datasette([], immutables=[path])
            await ds.invoke_startup()
            out = {}
            for term in ["munchen", "#oktoberfest", "fiji"]:
                r = await ds.client.get("/archive/posts.json?_shape=array&_search=" + urllib.parse.quote(term))
                out[term] = {"status": r.status_code, "ids": [row["post_id"] for row in r.json()]}
            r = await ds.client.get("/archive/posts.json?_shape=array&_search=munchen&_searchmode=raw")
            out["raw"] = {"status": r.status_code}
            print(json.dumps(out))

        asyncio.run(main(sys.argv[1]))
        """

    static func run(_ arguments: [String]) -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return (-1, "")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static let datasetteAvailable = run(["python3", "-c", "import datasette"]).0 == 0

    @Test(.enabled(if: datasetteAvailable, "datasette is not installed: pip install datasette"))
    func datasetteSearchesTheArchive() throws {
        let fixture = try SearchCLIFixture()
        defer { fixture.remove() }
        _ = try fixture.runImport()
        let (status, output) = Self.run(["python3", "-c", Self.script, fixture.archive + "/archive.sqlite"])
        #expect(status == 0, "datasette script failed: \(output)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: [String: Any]])
        #expect(result["munchen"]?["status"] as? Int == 200)
        #expect(Set(result["munchen"]?["ids"] as? [String] ?? []) == ["1", "3"])
        #expect(result["#oktoberfest"]?["ids"] as? [String] == ["1"])
        #expect(result["fiji"]?["ids"] as? [String] == ["4"])
        #expect(result["raw"]?["status"] as? Int == 200)
    }

    /// What a new user types in Datasette's search box finds what `vestige search` finds: the
    /// plain word `lockdown` finds the posts that only say `#lockdown` too.
    @Test(.enabled(if: datasetteAvailable, "datasette is not installed: pip install datasette"))
    func datasetteAndVestigeAgreeOnAPlainWord() throws {
        let fixture = try SearchCLIFixture()
        defer { fixture.remove() }
        let bodies = ["Day 3 of #lockdown", "the lockdown ends", "#Lockdown again", "no such word", "#lockdownlife"]
        let lines = bodies.enumerated().map { index, body in
            "{\"platform\":\"s\",\"id\":\"\(index + 1)\",\"author\":\"zed\",\"created_at\":\"2021-01-0\(index + 1)\","
                + "\"body\":\"\(body)\"}"
        }
        try lines.joined(separator: "\n").write(toFile: fixture.dump, atomically: true, encoding: .utf8)
        let (_, console, bad) = try fixture.runImport()
        #expect(bad == 0, "import problems: \(console)")
        let script = """
            import asyncio, json, sys
            from datasette.app import Datasette
            async def main(path):
                ds = Datasette([], immutables=[path])
                await ds.invoke_startup()
                r = await ds.client.get("/archive/posts.json?_shape=array&_size=max&_search=lockdown")
                print(json.dumps(sorted(row["post_id"] for row in r.json())))
            asyncio.run(main(sys.argv[1]))
            """
        let (status, output) = Self.run(["python3", "-c", script, fixture.archive + "/archive.sqlite"])
        #expect(status == 0, "datasette script failed: \(output)")
        let datasette = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String])
        let vestige = try fixture.searchJSON(["lockdown", "--kind", "post", "--limit", "1000"])
            .compactMap { $0["post_id"] as? String }.sorted()
        #expect(datasette == ["1", "2", "3"])
        #expect(vestige == datasette)
    }
}
