import Crawling
import Testing

@testable import PlatformAdapters

/// RFC 3986's own examples: §5.2.4 (remove_dot_segments) on the paths §5.4's references merge
/// to, and §5.4's normal and abnormal examples resolved whole by `URLParts.resolve` and by the
/// crawler's `CrawlURL` (the frontier's form of a link), both over one table.
@Suite struct URIPathTests {
    @Test(arguments: [
        // §5.2.4's two worked examples.
        ("/a/b/c/./../../g", "/a/g"), ("mid/content=5/../6", "mid/6"),
        // §5.4.1 normal examples, as merged with the base path /b/c/d;p.
        ("/b/c/g", "/b/c/g"), ("/b/c/./g", "/b/c/g"), ("/b/c/g/", "/b/c/g/"), ("/g", "/g"),
        ("/b/c/.", "/b/c/"), ("/b/c/./", "/b/c/"), ("/b/c/..", "/b/"), ("/b/c/../", "/b/"),
        ("/b/c/../g", "/b/g"), ("/b/c/../..", "/"), ("/b/c/../../", "/"), ("/b/c/../../g", "/g"),
        // §5.4.2 abnormal examples: more ".." than segments, dots inside names, dots mid-path.
        ("/b/c/../../../g", "/g"), ("/b/c/../../../../g", "/g"), ("/./g", "/g"), ("/../g", "/g"),
        ("/b/c/g.", "/b/c/g."), ("/b/c/.g", "/b/c/.g"), ("/b/c/g..", "/b/c/g.."), ("/b/c/..g", "/b/c/..g"),
        ("/b/c/./../g", "/b/g"), ("/b/c/./g/.", "/b/c/g/"), ("/b/c/g/./h", "/b/c/g/h"), ("/b/c/g/../h", "/b/c/h"),
        ("/b/c/g;x=1/./y", "/b/c/g;x=1/y"), ("/b/c/g;x=1/../y", "/b/c/y"),
        // The rule's edges: nothing to do, dots only, empty segments, relative paths.
        ("", ""), ("/", "/"), (".", ""), ("..", ""), ("./", ""), ("../", ""), ("/.", "/"), ("/..", "/"),
        ("a/..", "/"), ("a/./b", "a/b"), ("../a", "a"), ("./a", "a"), ("/a//../b", "/a/b"), ("/a/b/..", "/a/"),
        ("/é/./ü", "/é/ü"),
    ])
    func removesDotSegmentsAsRFC3986Says(path: String, expected: String) {
        #expect(URIPath.removingDotSegments(path) == expected)
    }

    /// §5.4's base URI.
    static let base = "http://a/b/c/d;p?q"

    /// §5.4.1 and §5.4.2, with the two differences resolution for crawling makes: the fragment
    /// is dropped, and an empty path is "/". "g:h" and "http:g" are not http(s) URLs with a host.
    static let examples: [(String, String?)] = [
        ("g:h", nil), ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"),
        ("/g", "http://a/g"), ("//g", "http://g/"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"),
        ("#s", "http://a/b/c/d;p?q"), ("g#s", "http://a/b/c/g"), ("g?y#s", "http://a/b/c/g?y"),
        (";x", "http://a/b/c/;x"), ("g;x", "http://a/b/c/g;x"), ("g;x?y#s", "http://a/b/c/g;x?y"),
        ("", "http://a/b/c/d;p?q"), (".", "http://a/b/c/"), ("./", "http://a/b/c/"), ("..", "http://a/b/"),
        ("../", "http://a/b/"), ("../g", "http://a/b/g"), ("../..", "http://a/"), ("../../", "http://a/"),
        ("../../g", "http://a/g"),
        ("../../../g", "http://a/g"), ("../../../../g", "http://a/g"), ("/./g", "http://a/g"),
        ("/../g", "http://a/g"), ("g.", "http://a/b/c/g."), (".g", "http://a/b/c/.g"), ("g..", "http://a/b/c/g.."),
        ("..g", "http://a/b/c/..g"), ("./../g", "http://a/b/g"), ("./g/.", "http://a/b/c/g/"),
        ("g/./h", "http://a/b/c/g/h"), ("g/../h", "http://a/b/c/h"), ("g;x=1/./y", "http://a/b/c/g;x=1/y"),
        ("g;x=1/../y", "http://a/b/c/y"), ("g?y/./x", "http://a/b/c/g?y/./x"), ("g?y/../x", "http://a/b/c/g?y/../x"),
        ("g#s/./x", "http://a/b/c/g"), ("g#s/../x", "http://a/b/c/g"),
    ]

    @Test(arguments: examples)
    func resolvesTheRFC3986Examples(reference: String, expected: String?) {
        #expect(URLParts.resolve(reference, against: Self.base) == expected)
    }

    @Test(arguments: examples)
    func theCrawlerResolvesTheRFC3986Examples(reference: String, expected: String?) throws {
        let base = try #require(CrawlURL(Self.base))
        #expect(CrawlURL(reference, relativeTo: base)?.string == expected)
    }
}
