import Testing
import WARC

@Suite struct SURTTests {
    // Expected keys computed with the Python `surt` library (0.3.1), which pywb and
    // cdxj-indexer use.
    @Test(arguments: [
        ("http://www.example.com/", "com,example)/"),
        ("https://www.Example.com:443/Path/To/?b=2&a=1&A=0#frag", "com,example)/path/to?a=0&a=1&b=2"),
        ("http://example.com:8080/a//b/../c/./d/", "com,example:8080)/a/c/d"),
        ("example.com/foo?", "com,example)/foo"),
        ("http://www2.example.co.uk/index.html?z=1&y", "uk,co,example)/index.html?y&z=1"),
        ("http://1.2.3.4/x", "4,3,2,1)/x"),
        ("http://user:pass@Host.example.org:80/p%20q%2541?x=%7e&a=b c", "org,example,host)/p%20qa?a=b%20c&x=~"),
        ("https://mastodon.social/@alice/109876543210", "social,mastodon)/@alice/109876543210"),
        ("http://example.com/caf\u{e9}?q=\u{fc}", "com,example)/caf%c3%a9?q=%c3%bc"),
        ("http://example.com/?jsessionid=0123456789abcdef0123456789ABCDEF&a=1", "com,example)/?a=1"),
        ("http://example.com/path/?a=1&jsessionid=0123456789abcdef0123456789ABCDEF", "com,example)/path?&a=1"),
        ("http://example.com", "com,example)/"),
        ("HTTP://EXAMPLE.COM/A?B=C", "com,example)/a?b=c"),
        ("http://example.com/a%2Fb", "com,example)/a/b"),
        ("http://3232235777/", "1,1,168,192)/"),
        ("dns:example.com", "dns:example.com"),
        ("http://example.com./x", "com,example)/x"),
        ("http://www.example.com/index.html?a=1&a=0&b", "com,example)/index.html?a=0&a=1&b"),
        ("https://example.com:444/", "com,example:444)/"),
        ("http://example.com/a#", "com,example)/a"),
        ("http://example.com/%zz%41", "com,example)/%25zza"),
        ("  http://example.com/a\tb  ", "com,example)/ab"),
        ("http://http://example.com/", "com,example)/"),
        ("mailto:someone@example.com", "mailto:someone@example.com"),
        ("http://example.com/?cfid=123&cftoken=abc&x=1", "com,example)/?x=1"),
    ])
    func matchesPythonSurt(url: String, expected: String) {
        #expect(SURT.key(for: url) == expected)
    }

    @Test func badPortLeavesTheURLAlone() {
        #expect(SURT.key(for: "http://example.com:99999/") == "http://example.com:99999/")
    }
}
