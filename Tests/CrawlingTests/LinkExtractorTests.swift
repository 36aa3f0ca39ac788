import Crawling
import Testing

@Suite struct LinkExtractorTests {
    var base: CrawlURL { get throws { try #require(CrawlURL("http://example.com/posts/1")) } }

    @Test func findsLinksAndEmbedsEverywhere() throws {
        let html = """
            <html><head><title> Post one </title>
            <base href="http://example.com/root/">
            <link rel="stylesheet" href="/s.css"><link rel="next" href="page2">
            <meta property="og:image" content="http://cdn.example.com/og.jpg">
            <meta property="og:image:width" content="640">
            <meta http-equiv="refresh" content="5; URL='later'">
            <style>body { background: url("bg.png") } @import 'more.css';</style>
            <script type="application/ld+json">{"@type":"SocialMediaPosting","image":{"url":"ld.jpg"},
              "video":[{"contentUrl":"clip.mp4"}]}</script>
            </head><body>
            <a href="a.html">A</a><a href="mailto:x@y">m</a><a href="a.html#frag">again</a>
            <img src="i.jpg" srcset="i-2x.jpg 2x, i-3x.jpg 3x"><video poster="p.jpg"><source src="v.mp4"></video>
            <div style="background-image:url(div.png)"></div><iframe src="frame.html"></iframe>
            <p><b>unclosed <i>tags</b>
            </body></html>
            """
        let links = LinkExtractor.extract(html: Array(html.utf8), base: try base)
        #expect(links.title == "Post one")
        #expect(
            links.outlinks.map(\.string) == [
                "http://example.com/root/page2", "http://example.com/root/later", "http://example.com/root/a.html",
                "http://example.com/root/frame.html",
            ])
        let embeds = Set(links.embeds.map(\.string))
        for expected in [
            "http://example.com/s.css", "http://cdn.example.com/og.jpg", "http://example.com/root/bg.png",
            "http://example.com/root/more.css", "http://example.com/root/ld.jpg", "http://example.com/root/clip.mp4",
            "http://example.com/root/i.jpg", "http://example.com/root/i-2x.jpg", "http://example.com/root/i-3x.jpg",
            "http://example.com/root/p.jpg", "http://example.com/root/v.mp4", "http://example.com/root/div.png",
        ] {
            #expect(embeds.contains(expected), "\(expected) missing")
        }
        #expect(!embeds.contains("http://example.com/root/640"))
    }

    @Test func hostileInputNeverTraps() throws {
        let deep = String(repeating: "<div>", count: 100_000) + "<a href='x'>"
        _ = LinkExtractor.extract(html: Array(deep.utf8), base: try base)
        _ = LinkExtractor.extract(html: [0xFF, 0xFE, 0x00, 0x3C, 0x00], base: try base)
        _ = LinkExtractor.extract(html: [], base: try base)
        #expect(LinkExtractor.cssURLs("url(") == [])
    }
}
