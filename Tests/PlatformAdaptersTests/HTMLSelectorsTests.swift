import PlatformAdapters
import Testing

@Suite struct HTMLSelectorsTests {
    @Test(arguments: [
        "article", ".post", "#main", "article.post.h-entry", "[data-post-id]", "[data-kind=note]",
        "[data-kind = 'a b']",
        "[class~=post]", "[xml:lang=en]", "main article.post footer time@datetime", "@data-post-id", "a, b@href, @id",
        "*[lang=en]",
        "div[data-x=\"a,b\"]",
    ])
    func acceptedSelectors(selector: String) throws {
        _ = try HTMLSelectors(post: "article", id: selector)
    }

    @Test(arguments: [
        ("", 1), ("div > p", 5), ("a:hover", 2), ("a + b", 3), ("[", 2), ("[x=", 4), ("[x='y]", 4), ("a@", 2),
        ("a@b c", 2), ("a.", 3), ("div#a#b", 6), ("a,,b", 3), ("[x~y]", 4), ("a*", 2),
    ])
    func refusedSelectors(selector: String, position: Int) {
        let error = #expect(throws: HTMLSelectorError.self) { try HTMLSelectors(post: "article", body: selector) }
        #expect(error?.selector == selector)
        #expect(error?.position == position, "\(error?.description ?? "")")
    }

    @Test func postSelectorMustNameElements() {
        #expect(throws: HTMLSelectorError.self) { try HTMLSelectors(post: "@data-id") }
        #expect(throws: HTMLSelectorError.self) { try HTMLSelectors(post: "article, @data-id") }
    }

    @Test func nestedPostsKeepTheirOwnFields() throws {
        let html = """
            <html><body>
            <div class="post" data-id="1"><span class="text">outer</span>
              <div class="post" data-id="2"><span class="text">inner</span></div>
              <img class="pic" src="/a.jpg">
            </div>
            </body></html>
            """
        let selectors = try HTMLSelectors(post: ".post", id: "@data-id", body: ".text", media: "img.pic")
        let adapter = GenericHTMLAdapter(
            configuration: AdapterConfiguration(platformName: "p", htmlSelectors: selectors))
        let output = adapter.extract(Fixture.input(text: html, url: "https://h.example/t", contentType: "text/html"))
        // The inner post ends first.
        #expect(output.posts.map(\.id) == ["2", "1"])
        #expect(output.posts.map(\.body) == ["inner", "outer"])
        #expect(output.posts[1].media == [ExtractedMedia(url: "https://h.example/a.jpg", kind: "image")])
        #expect(output.posts[0].media.isEmpty)
    }
}
