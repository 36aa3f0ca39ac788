import Testing

@testable import Crawling

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

/// The fast resolution path must agree with Foundation's wherever it answers.
@Suite struct CrawlURLSimpleResolutionTests {
    static let references = [
        "other.html", "../up", "../../../../x", "./a/./b/../c", "?y=2", "?", "/", "/a/b?c=d&e=f", "/a/%7e/%2f?q=%41",
        "a:b", "mailto:x@example.com", "javascript:void(0)", "JavaScript:alert(1)", "data:text/plain,hi",
        "http://Example.COM:80/a/../b", "https://example.com:443", "https://example.com:8443/x?y",
        "HTTP://a.b.c./d", "http://example.com?x=1", "http://example.com:/x", "http://user@example.com/",
        "http://[::1]:8080/x", "https:b", "http:/x", "//cdn.example.org/i.jpg", "x%zz", "%41bc", "a/b/c/.",
        "a/b/c/..", "..", ".", "é.html", "a|b", "q?x=1?y=2", "http://exa_mple.com/", "http://ex%41mple.com/",
        "http://example.com:99999/", "http://example.com:0/", "foo/bar;p=1/baz", "~user/", "http://1.2.3.4/x",
    ]
    static let bases = [
        "http://base.example/dir/page.html?x=1", "https://base.example:8443/", "http://b.example/a/b/c",
    ]

    @Test(arguments: references) func agreesWithFoundation(reference: String) throws {
        for baseText in Self.bases {
            let base = try #require(CrawlURL(baseText))
            let foundation = CrawlURL.resolveWithFoundation(reference, against: base, baseURL: nil)
            switch CrawlURL.resolveSimple(reference, against: base) {
            case .resolved(let url): #expect(url == foundation, "\(reference) against \(baseText)")
            case .notHTTP: #expect(foundation == nil, "\(reference) against \(baseText)")
            case .needsFoundation: break
            }
        }
    }

    @Test func takesTheCommonCasesItself() throws {
        let base = try #require(CrawlURL("http://base.example/dir/page.html"))
        for reference in ["other.html", "/a/b?c=d", "?q", "https://example.com:8443/x", "../x", "mailto:a@b"] {
            if case .needsFoundation = CrawlURL.resolveSimple(reference, against: base) {
                Issue.record("\(reference) went to Foundation")
            }
        }
    }
}
