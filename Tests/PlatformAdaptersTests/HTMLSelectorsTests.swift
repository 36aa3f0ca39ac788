import Testing

@testable import PlatformAdapters

@Suite struct HTMLSelectorsTests {
    typealias Alternative = CSSSelector.Alternative
    typealias AttributeTest = CSSCompound.AttributeTest

    static func step(
        _ tag: String? = nil, id: String? = nil, classes: [String] = [], attributes: [AttributeTest] = []
    ) -> CSSCompound {
        CSSCompound(tag: tag, id: id, classes: classes, attributes: attributes)
    }

    static let accepted: [(String, [Alternative])] = [
        ("article", [Alternative(steps: [step("article")])]),
        (".post", [Alternative(steps: [step(classes: ["post"])])]),
        ("#main", [Alternative(steps: [step(id: "main")])]),
        ("article.post.h-entry", [Alternative(steps: [step("article", classes: ["post", "h-entry"])])]),
        ("[data-post-id]", [Alternative(steps: [step(attributes: [AttributeTest(name: "data-post-id")])])]),
        (
            "[data-kind=note]",
            [Alternative(steps: [step(attributes: [AttributeTest(name: "data-kind", value: "note")])])]
        ),
        (
            "[data-kind = 'a b']",
            [Alternative(steps: [step(attributes: [AttributeTest(name: "data-kind", value: "a b")])])]
        ),
        (
            "[class~=post]",
            [Alternative(steps: [step(attributes: [AttributeTest(name: "class", value: "post", word: true)])])]
        ),
        ("[xml:lang=en]", [Alternative(steps: [step(attributes: [AttributeTest(name: "xml:lang", value: "en")])])]),
        (
            "main article.post footer time@datetime",
            [
                Alternative(
                    steps: [step("main"), step("article", classes: ["post"]), step("footer"), step("time")],
                    attribute: "datetime")
            ]
        ),
        ("@data-post-id", [Alternative(steps: [], attribute: "data-post-id")]),
        (
            "a, b@href, @id",
            [
                Alternative(steps: [step("a")]), Alternative(steps: [step("b")], attribute: "href"),
                Alternative(steps: [], attribute: "id"),
            ]
        ),
        ("*[lang=en]", [Alternative(steps: [step(attributes: [AttributeTest(name: "lang", value: "en")])])]),
        (
            "div[data-x=\"a,b\"]",
            [Alternative(steps: [step("div", attributes: [AttributeTest(name: "data-x", value: "a,b")])])]
        ),
    ]

    @Test(arguments: accepted)
    func acceptedSelectorsParseIntoTheirParts(selector: String, alternatives: [Alternative]) throws {
        let parsed = try HTMLSelectors(post: "article", id: selector).parsed
        #expect(parsed.id?.alternatives == alternatives)
        #expect(parsed.post.alternatives == [Alternative(steps: [Self.step("article")])])
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
