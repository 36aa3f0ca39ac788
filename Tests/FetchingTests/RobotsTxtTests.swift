import Fetching
import FuzzFindings
import Testing

/// robots.txt parsing and matching (RFC 9309), including the RFC's own examples and hostile input.
@Suite("Robots") struct RobotsTxtTests {
    /// RFC 9309 section 5.1.
    static let rfcExample = """
        User-Agent: *
        Disallow: *.gif$
        Disallow: /example/
        Allow: /publications/

        User-Agent: foobot
        Disallow:/
        Allow:/example/page.html
        Allow:/example/allowed.gif

        User-Agent: barbot
        User-Agent: bazbot
        Disallow: /example/page.html

        User-Agent: quxbot

        EOF
        """

    @Test(arguments: [
        ("otherbot", "/pics/cat.gif", false),
        ("otherbot", "/cat.gif?x=1", true),
        ("otherbot", "/example/anything", false),
        ("otherbot", "/publications/report.gif", true),
        ("otherbot", "/publications/one", true),
        ("otherbot", "/other", true),
        ("foobot", "/", false),
        ("foobot", "/example/page.html", true),
        ("foobot", "/example/allowed.gif", true),
        ("foobot", "/example/other.html", false),
        ("foobot", "/elsewhere", false),
        ("barbot", "/example/page.html", false),
        ("barbot", "/example/other", true),
        ("barbot", "/x.gif", true),
        ("bazbot", "/example/page.html", false),
        ("bazbot", "/elsewhere", true),
        ("quxbot", "/example/x", true),
        ("quxbot", "/x.gif", true),
    ])
    func rfcSimpleExample(agent: String, path: String, allowed: Bool) {
        #expect(RobotsTxt(Self.rfcExample).allows(path, userAgent: agent) == allowed)
    }

    @Test func rfcLongestMatch() {
        let robots = RobotsTxt("User-Agent: foobot\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif\n")
        #expect(!robots.allows("/example/page/disallowed.gif", userAgent: "foobot"))
        #expect(robots.allows("/example/page/other.gif", userAgent: "foobot"))
        let rule = robots.group(forUserAgent: "foobot").decidingRule(for: "/example/page/disallowed.gif")
        #expect(rule?.pattern == "/example/page/disallowed.gif")
        #expect(rule?.allows == false)
    }

    @Test func ruleOrderDoesNotMatter() {
        let robots = RobotsTxt("User-agent: *\nDisallow: /\nAllow: /pdf/\n")
        #expect(robots.allows("/pdf/paper.pdf", userAgent: "vestige"))
        #expect(!robots.allows("/html/paper.html", userAgent: "vestige"))
    }

    @Test func allowWinsATie() {
        let robots = RobotsTxt("User-agent: *\nDisallow: /page\nAllow: /page\nDisallow: /x*\nAllow: /x$\n")
        #expect(robots.allows("/page", userAgent: "vestige"))
        #expect(robots.allows("/pages", userAgent: "vestige"))
        // "/x*" and "/x$" have the same length: Allow wins where both match.
        #expect(robots.allows("/x", userAgent: "vestige"))
        #expect(!robots.allows("/xy", userAgent: "vestige"))
    }

    @Test func groupsForTheSameAgentMerge() {
        let robots = RobotsTxt(
            "user-agent: ExampleBot\ndisallow: /foo\ndisallow: /bar\n\nuser-agent: ExampleBot\ndisallow: /baz\n")
        for path in ["/foo", "/bar", "/baz"] { #expect(!robots.allows(path, userAgent: "examplebot")) }
        #expect(robots.allows("/qux", userAgent: "ExampleBot"))
    }

    @Test func agentLinesSeparatedByBlankLinesShareAGroup() {
        let robots = RobotsTxt("User-agent: a\n\n# comment\nUser-agent: b\nDisallow: /secret\n")
        #expect(!robots.allows("/secret", userAgent: "a"))
        #expect(!robots.allows("/secret", userAgent: "b"))
        #expect(robots.group(forUserAgent: "a").userAgents == ["a", "b"])
    }

    @Test func agentMatchingIsCaseInsensitiveOnTheProductToken() {
        let robots = RobotsTxt("User-agent: Vestige/2.0\nDisallow: /private\n\nUser-agent: *\nDisallow: /\n")
        #expect(!robots.allows("/private", userAgent: "vestige/0.1 (+https://example.org/bot)"))
        #expect(robots.allows("/public", userAgent: "VESTIGE"))
        // A specific group does not inherit the "*" rules; a prefix of a token is not the token.
        #expect(!robots.allows("/public", userAgent: "vestigebot"))
        #expect(!robots.allows("/public", userAgent: "vest"))
    }

    @Test func noMatchingGroupAllowsEverything() {
        let robots = RobotsTxt("User-agent: otherbot\nDisallow: /\n")
        #expect(robots.allows("/anything", userAgent: "vestige"))
        #expect(RobotsTxt("").allows("/anything", userAgent: "vestige"))
    }

    @Test(arguments: [
        ("/fish", "/fish", true), ("/fish", "/fish.html", true), ("/fish", "/fish/salmon.html", true),
        ("/fish", "/fishheads", true), ("/fish", "/Fish.asp", false), ("/fish", "/catfish", false),
        ("/fish*", "/fishheads/yummy.html", true), ("/fish/", "/fish", false), ("/fish/", "/fish/salmon", true),
        ("/*.php", "/filename.php", true), ("/*.php", "/folder/filename.php?parameters", true),
        ("/*.php", "/windows.PHP", false), ("/*.php$", "/filename.php", true),
        ("/*.php$", "/filename.php?parameters", false), ("/*.php$", "/filename.php5", false),
        ("/fish*.php", "/fish.php", true), ("/fish*.php", "/fishheads/catfish.php?parameters", true),
        ("/fish*.php", "/Fish.PHP", false), ("*", "/anything", true), ("/", "/", true),
        ("/$", "/", true), ("/$", "/page", false), ("/a**b", "/axxb", true), ("/a*b*c$", "/abxbc", true),
        ("/a*b*c$", "/abxbcd", false),
    ])
    func wildcardsAndAnchors(pattern: String, path: String, matches: Bool) {
        let robots = RobotsTxt("User-agent: *\nDisallow: \(pattern)\n")
        #expect(robots.allows(path, userAgent: "vestige") == !matches)
    }

    @Test(arguments: [
        ("/foo/bar?baz=quz", "/foo/bar?baz=quz"),
        ("/foo/bar/ツ", "/foo/bar/%E3%83%84"),
        ("/foo/bar/%E3%83%84", "/foo/bar/%E3%83%84"),
        ("/foo/bar/%e3%83%84", "/foo/bar/%E3%83%84"),
        ("/foo/bar/%62%61%7A", "/foo/bar/baz"),
        ("/foo/bar/baz", "/foo/bar/%62%61%7a"),
        ("/a b", "/a%20b"),
    ])
    func percentEncodingIsNormalized(pattern: String, path: String) {
        let robots = RobotsTxt("User-agent: *\nDisallow: \(pattern)\n")
        #expect(!robots.allows(path, userAgent: "vestige"))
    }

    @Test func reservedEscapesStayDistinct() {
        // %2F is an escaped "/" and is not the same as a path separator.
        let robots = RobotsTxt("User-agent: *\nDisallow: /a%2Fb\n")
        #expect(!robots.allows("/a%2fb", userAgent: "vestige"))
        #expect(robots.allows("/a/b", userAgent: "vestige"))
    }

    @Test func robotsTxtItselfIsAlwaysAllowed() {
        let robots = RobotsTxt("User-agent: *\nDisallow: /\n")
        #expect(robots.allows("/robots.txt", userAgent: "vestige"))
        #expect(!robots.allows("/robots.txt.bak", userAgent: "vestige"))
        #expect(!robots.allows("/", userAgent: "vestige"))
        #expect(RobotsRules(status: 503, body: [], userAgent: "vestige").allows("/robots.txt"))
    }

    @Test func queryAndFragmentHandling() {
        let robots = RobotsTxt("User-agent: *\nDisallow: /search?q=\nDisallow: /page$\n")
        #expect(!robots.allows("/search?q=robots", userAgent: "vestige"))
        #expect(robots.allows("/search", userAgent: "vestige"))
        #expect(!robots.allows("/page#top", userAgent: "vestige"))
        #expect(robots.allows("", userAgent: "nobody"))
    }

    @Test func emptyDisallowAllowsEverything() {
        let robots = RobotsTxt("User-agent: *\nDisallow:\n")
        #expect(robots.allows("/anything", userAgent: "vestige"))
        #expect(robots.group(forUserAgent: "vestige").rules.isEmpty)
    }

    @Test func crawlDelayAndSitemaps() {
        let robots = RobotsTxt(
            """
            Sitemap: https://example.org/sitemap.xml
            User-agent: vestige
            Crawl-delay: 2.5
            Disallow: /tmp
            Sitemap: https://example.org/news.xml

            User-agent: vestige
            Crawl-delay: 1

            User-agent: *
            Crawl-delay: ten
            Crawl-delay: -3
            """)
        #expect(robots.sitemaps == ["https://example.org/sitemap.xml", "https://example.org/news.xml"])
        #expect(robots.group(forUserAgent: "vestige").crawlDelay == 2.5)
        #expect(robots.group(forUserAgent: "other").crawlDelay == nil)
    }

    @Test func syntaxVariantsAreTolerated() {
        let bytes: [UInt8] =
            [0xEF, 0xBB, 0xBF]
            + Array(
                ("USER-AGENT:vestige\r# comment only\rDissallow: /typo # trailing comment\r\n"
                    + "Disallow /no-colon\r\nrules-before-agent-are-fine: x\n  Allow :  /typo/ok  \n").utf8)
        let robots = RobotsTxt(bytes: bytes)
        #expect(!robots.allows("/typo/x", userAgent: "vestige"))
        #expect(robots.allows("/typo/ok/x", userAgent: "vestige"))
        #expect(robots.allows("/no-colon", userAgent: "vestige"))
    }

    @Test func rulesBeforeAnyAgentAreIgnored() {
        let robots = RobotsTxt("Disallow: /\nUser-agent: *\nDisallow: /private\n")
        #expect(robots.allows("/public", userAgent: "vestige"))
        #expect(!robots.allows("/private", userAgent: "vestige"))
    }

    @Test func onlyTheFirst500KiBAreRead() {
        let filler = String(repeating: "# padding padding padding padding padding padding padding\n", count: 12_000)
        let text = "User-agent: *\nDisallow: /early\n" + filler + "Disallow: /late\n"
        #expect(text.utf8.count > RobotsTxt.maxBytes)
        let robots = RobotsTxt(text)
        #expect(!robots.allows("/early", userAgent: "vestige"))
        #expect(robots.allows("/late", userAgent: "vestige"))
    }

    @Test func hostileInputNeverTraps() {
        var generator = SplitMix64(seed: 9309)
        for round in 0..<200 {
            let length = Int(generator.next() % 4096)
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if round % 2 == 0 {
                // Junk mixed with real keywords, so the parser gets past the first line now and then.
                bytes += Array("\nUser-agent: *\nDisallow: /%\u{0}*$$%zz\nAllow: %%%\nCrawl-delay: 1e400\n".utf8)
            }
            let robots = RobotsTxt(bytes: bytes)
            _ = robots.allows("/some/%path?with=query#frag", userAgent: "vestige")
            _ = robots.allows(String(decoding: bytes.prefix(64), as: UTF8.self), userAgent: "*")
            _ = RobotsRules(status: 200, body: bytes, userAgent: String(decoding: bytes.prefix(8), as: UTF8.self))
        }
        // Crawl-delay overflow to infinity is refused.
        #expect(RobotsTxt("User-agent: *\nCrawl-delay: 1e400\n").group(forUserAgent: "x").crawlDelay == nil)
    }

    @Test func pathologicalWildcardsStayFast() {
        let pattern = String(repeating: "*a", count: 2000) + "b"
        let robots = RobotsTxt("User-agent: *\nDisallow: /\(pattern)\n")
        let path = "/" + String(repeating: "a", count: 8000)
        let started = ContinuousClock.now
        #expect(robots.allows(path, userAgent: "vestige"))
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test(arguments: [
        (200, RobotsPolicy.parsed), (204, .parsed), (301, .unavailable), (401, .unavailable),
        (403, .unavailable), (404, .unavailable), (410, .unavailable), (429, .unreachable),
        (500, .unreachable), (503, .unreachable), (100, .unreachable),
    ])
    func statusPolicy(status: Int, policy: RobotsPolicy) {
        #expect(RobotsPolicy(status: status) == policy)
    }

    @Test func rulesFromAFetch() {
        let body = Array("User-agent: *\nDisallow: /private\nCrawl-delay: 3\nSitemap: https://x.test/s.xml\n".utf8)
        let ok = RobotsRules(status: 200, body: body, userAgent: "vestige/0.1 (+https://x.test)")
        #expect(!ok.allows("/private/a"))
        #expect(ok.allows("/public"))
        #expect(ok.crawlDelay == 3)
        #expect(ok.sitemaps == ["https://x.test/s.xml"])
        #expect(!ok.retryLater)

        let missing = RobotsRules(status: 404, body: body, userAgent: "vestige")
        #expect(missing.allows("/private/a"))
        #expect(missing.crawlDelay == nil)

        for status in [500, 503, nil] as [Int?] {
            let down = RobotsRules(status: status, body: body, userAgent: "vestige")
            #expect(!down.allows("/"))
            #expect(!down.allows("/public"))
            #expect(down.retryLater)
        }
    }
}
