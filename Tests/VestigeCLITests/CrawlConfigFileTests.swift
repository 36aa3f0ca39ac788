import Crawling
import Testing

@testable import VestigeCLI

/// vestige.toml: the TOML subset it is read with, and the settings taken from it.
@Suite struct CrawlConfigFileTests {
    @Test func theSubsetParsesTablesStringsNumbersAndArrays() throws {
        let table = try TOMLSubsetParser.parse(
            """
            # comment
            title = "a \\"quoted\\" \\u00e9 text"   # trailing comment
            literal = 'C:\\path'
            count = 1_000
            ratio = 0.5
            on = true
            list = [
              "a", 'b',   # comment inside
            ]
            [outer.inner]
            "quoted key" = -3
            """)
        #expect(table["title"] == .string("a \"quoted\" é text"))
        #expect(table["literal"] == .string("C:\\path"))
        #expect(table["count"] == .integer(1000))
        #expect(table["ratio"] == .float(0.5))
        #expect(table["on"] == .boolean(true))
        #expect(table["list"] == .array([.string("a"), .string("b")]))
        #expect(table["outer"] == .table(["inner": .table(["quoted key": .integer(-3)])]))
    }

    @Test(arguments: [
        ("a = 1\na = 2", 2, "twice"),
        ("a = \"open", 1, "unterminated"),
        ("a = {b = 1}", 1, "inline tables"),
        ("a.b = 1", 1, "dotted keys"),
        ("[[t]]", 1, "arrays of tables"),
        ("a = 1979-05-27", 1, "not a value"),
        ("\n\na = [1, 2", 3, "expected"),
        ("[t]\n[t]", 2, "twice"),
        ("a = 1 b", 1, "after the value"),
    ])
    func outsideTheSubsetIsAnErrorWithItsLine(text: String, line: Int, message: String) {
        #expect {
            _ = try TOMLSubsetParser.parse(text)
        } throws: { error in
            guard let error = error as? TOMLSubsetParser.ParseError else { return false }
            return error.line == line && error.message.contains(message)
        }
    }

    @Test func settingsAreTypedAndUnknownKeysRefused() throws {
        let file = try CrawlConfigFile(
            text: """
                seeds = ["https://social.example/"]
                scope = "domain"
                per_host_delay = 2
                media = "headers"
                [platform]
                adapters = ["html"]
                ids = "1-10"
                id_range = "https://social.example/api/post/{id}"
                [platform.selectors]
                post = "article.post"
                created_at = "time"
                """)
        #expect(file.seeds == ["https://social.example/"])
        #expect(file.scope == .domain)
        #expect(file.perHostDelay == 2)
        #expect(file.media == .headers)
        #expect(file.adapters == ["html"])
        #expect(file.selectors == ["post": "article.post", "created_at": "time"])
        let adapters = try PlatformOptions.parse([]).adapterSet(file: file)
        #expect(adapters.adapters.map(\.name) == ["html"])
        #expect(adapters.configuration.idRange?.count == 10)
        #expect(adapters.configuration.htmlSelectors?.post == "article.post")

        for bad in [
            "sedes = []", "ignore_robots = true", "scope = \"planet\"", "[platform]\nadaptors = []",
            "concurrency = \"4\"", "[platform.selectors]\npost = 'article'\ncolour = 'x'",
        ] {
            #expect(throws: (any Error).self, "\(bad)") { _ = try CrawlConfigFile(text: bad) }
        }
    }
}
