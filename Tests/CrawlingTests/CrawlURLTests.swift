import Crawling
import Testing

@Suite struct CrawlURLTests {
    @Test(arguments: [
        ("http://a/b", "http://a/b"), ("HTTPS://A/b", "https://a/b"), ("//a/b", "http://a/b"),
        ("/b", "http://base.example/b"), ("https:b", nil), ("httpx://a/", nil),
        ("c d\\e", "http://base.example/dir/c%20d/e"),
    ])
    func absoluteAndRelativeReferencesResolveAlike(reference: String, expected: String?) throws {
        let base = try #require(CrawlURL("http://base.example/dir/page"))
        #expect(CrawlURL(reference, relativeTo: base)?.string == expected)
    }

    @Test(arguments: [
        ("HTTP://Example.COM:80/a/./b/../c#frag", "http://example.com/a/c"),
        ("https://example.com:443", "https://example.com/"),
        ("https://example.com:8443/x", "https://example.com:8443/x"),
        ("http://example.com/%7euser/%2fpath%2Fa?q=%41%2c", "http://example.com/~user/%2Fpath%2Fa?q=A%2C"),
        ("http://example.com./", "http://example.com/"),
        ("  http://example.com/a b  ", "http://example.com/a%20b"),
    ])
    func normalises(input: String, expected: String) {
        #expect(CrawlURL(input)?.string == expected)
    }

    @Test func resolvesRelativeReferences() throws {
        let base = try #require(CrawlURL("http://example.com/dir/page.html?x=1"))
        #expect(CrawlURL("other.html", relativeTo: base)?.string == "http://example.com/dir/other.html")
        #expect(CrawlURL("../up", relativeTo: base)?.string == "http://example.com/up")
        #expect(CrawlURL("//cdn.example.org/i.jpg", relativeTo: base)?.string == "http://cdn.example.org/i.jpg")
        #expect(CrawlURL("?y=2", relativeTo: base)?.string == "http://example.com/dir/page.html?y=2")
        #expect(CrawlURL("#top", relativeTo: base)?.string == "http://example.com/dir/page.html?x=1")
    }

    @Test(arguments: [
        "mailto:a@example.com", "javascript:void(0)", "data:image/png;base64,AA", "", "ftp://x/y", "http://",
    ])
    func rejectsNonHTTP(input: String) {
        #expect(CrawlURL(input) == nil)
    }

    @Test func originAndPath() throws {
        let url = try #require(CrawlURL("https://Example.com:8443/a/b?c=d"))
        #expect(url.origin == "https://example.com:8443")
        #expect(url.pathAndQuery == "/a/b?c=d")
    }
}

@Suite struct CrawlScopeTests {
    var seed: CrawlURL { get throws { try #require(CrawlURL("http://www.example.com/blog/")) } }

    @Test func modes() throws {
        let sub = try #require(CrawlURL("http://media.example.com/x.jpg"))
        let same = try #require(CrawlURL("http://www.example.com/about"))
        let other = try #require(CrawlURL("http://example.org/"))
        #expect(CrawlScope(mode: .host, seeds: [try seed]).exclusion(of: same, depth: 1) == nil)
        #expect(CrawlScope(mode: .host, seeds: [try seed]).exclusion(of: sub, depth: 1) == .outOfScope)
        #expect(CrawlScope(mode: .domain, seeds: [try seed]).exclusion(of: sub, depth: 1) == nil)
        #expect(CrawlScope(mode: .domain, seeds: [try seed]).exclusion(of: other, depth: 1) == .outOfScope)
        #expect(CrawlScope(mode: .prefix, seeds: [try seed]).exclusion(of: same, depth: 1) == .outOfScope)
    }

    @Test func depthRulesAndTraps() throws {
        var scope = CrawlScope(mode: .host, seeds: [try seed], exclude: ["\\.pdf$"], maxDepth: 2)
        #expect(scope.exclusion(of: try #require(CrawlURL("http://www.example.com/a")), depth: 3) == .tooDeep(2))
        #expect(
            scope.exclusion(of: try #require(CrawlURL("http://www.example.com/x.pdf")), depth: 1)
                == .excludedByRule("\\.pdf$"))
        let calendar = try #require(CrawlURL("http://www.example.com/cal/next/next/next/next"))
        guard case .trap = scope.exclusion(of: calendar, depth: 1) else {
            Issue.record("repeating path not caught")
            return
        }
        scope.include = ["/blog/"]
        #expect(scope.exclusion(of: try #require(CrawlURL("http://www.example.com/about")), depth: 1) == .notIncluded)
        scope.exclude = ["("]
        #expect(throws: CrawlScopeError.self) { try scope.validate() }
    }
}
