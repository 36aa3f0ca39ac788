import HTMLParsing
import Testing

/// `HTMLDocument` on small pages (title, visible text, the element walks) and on hostile ones:
/// deep nesting, a huge attribute, bytes that are not UTF-8, a charset that does not fit.
@Suite struct HTMLDocumentTests {
    /// Checks libxml2 is there (the message says how to install it), then parses `html`.
    static func parse(_ html: String) throws -> HTMLDocument {
        try parse(Array(html.utf8))
    }

    static func parse(_ bytes: [UInt8]) throws -> HTMLDocument {
        if let problem = HTMLDocument.parserProblem { Issue.record("\(problem)") }
        guard let document = HTMLDocument(bytes) else { throw ParseFailure() }
        return document
    }

    struct ParseFailure: Error {}

    /// (name, depth, parent's name) of every element, in document order.
    static func tree(_ document: borrowing HTMLDocument) -> [String] {
        var names: [Int: String] = [:]
        var lines: [String] = []
        document.forEachPathElement { element in
            names[element.index] = element.name
            #expect(element.index == lines.count, "document order, counted from 0")
            let parent = element.parentIndex.map { names[$0] ?? "?" } ?? "-"
            lines.append("\(element.name) \(element.depth) \(parent)")
        }
        return lines
    }

    @Test func titleIsTheFirstTitleWithItsWhitespaceCollapsed() throws {
        let page =
            "<html><head><title>  Flood \n at\tthe river </title><title>second</title></head><body>x</body></html>"
        #expect(try Self.parse(page).title == "Flood at the river")
        #expect(try Self.parse("<html><head><title> \n </title></head><body>x</body></html>").title == nil)
        #expect(try Self.parse("<p>no title</p>").title == nil)
    }

    @Test func visibleTextLeavesHiddenElementsOutAndBreaksLinesBetweenBlocks() throws {
        let page = """
            <html><head><title>T</title><style>p { color: red }</style></head>
            <body><script>var hidden = 1</script><p>One   two</p><div>three<span> four</span></div>
            <noscript>no script</noscript><template>tpl</template>five<br>six</body></html>
            """
        let document = try Self.parse(page)
        #expect(document.visibleText() == "One two\nthree four\nfive\nsix")
        #expect(document.visibleText(limit: 5) == "One t")
    }

    @Test func pathWalkGivesDepthsAndParentsInDocumentOrder() throws {
        let document = try Self.parse(
            #"<html><body><div id="a"><p>x</p><p class="b">y</p></div><ul><li>z</li></ul></body></html>"#)
        #expect(
            Self.tree(document) == [
                "html 0 -", "body 1 html", "div 2 body", "p 3 div", "p 3 div", "ul 2 body", "li 3 ul",
            ])
        var found: [String] = []
        document.forEachPathElement { element in
            if let id = element.attribute("id") { found.append("#\(id) \(element.text)") }
            if let type = element.attribute("class") { found.append(".\(type) \(element.text)") }
        }
        #expect(found == ["#a xy", ".b y"])
    }

    @Test func namedWalkVisitsTheNamesAndTheAttributeOnly() throws {
        let document = try Self.parse(
            """
            <html><body><p>one</p><blockquote>two</blockquote><span data-id="7">three</span>
            <figcaption>four</figcaption><P>five</P></body></html>
            """)
        var visited: [String] = []
        document.forEachElement(named: ["p", "blockquote"], orWith: "data-id") {
            visited.append("\($0.name):\($0.text)")
        }
        #expect(visited == ["p:one", "blockquote:two", "span:three", "p:five"])
        var all = 0
        document.forEachElement { _ in all += 1 }
        #expect(all == 7, "html, body and the five elements")
    }

    @Test func emptyInputIsNoDocument() {
        let document = HTMLDocument([UInt8]())
        var parsed = false
        if case .some = document { parsed = true }
        #expect(!parsed)
    }

    // MARK: - Hostile input

    /// Nesting is walked without recursion at any depth. libxml2 2.9 itself stops building the
    /// tree at 256 levels (unless given XML_PARSE_HUGE): deeper text and everything after it is
    /// lost, recorded here as a known issue so that lifting the cap shows.
    @Test(arguments: [250, 1_000, 100_000])
    func deepNestingIsWalkedWithoutRecursion(depth: Int) throws {
        let page = String(repeating: "<div>", count: depth) + "deep" + String(repeating: "</div>", count: depth)
        let document = try Self.parse("<html><body>" + page + "<p>after</p></body></html>")
        var depths: [Int] = []
        document.forEachPathElement { element in
            #expect(element.depth == element.parentIndex.map { depths.indices.contains($0) ? depths[$0] + 1 : -1 } ?? 0)
            depths.append(element.depth)
        }
        let elements = depths.count
        #expect(elements >= min(depth, 256) && elements <= depth + 3)
        let text = document.visibleText()
        if depth < 256 {
            #expect(text == "deep\nafter")
            #expect(elements == depth + 3)
        } else {
            withKnownIssue("libxml2 2.9 without XML_PARSE_HUGE drops what lies past 256 levels") {
                #expect(text == "deep\nafter")
            }
        }
    }

    @Test func aHugeAttributeDoesNotHideTheRestOfThePage() throws {
        let huge = String(repeating: "a", count: 12_000_000)
        let document = try Self.parse(
            #"<html><body><a href="/before">b</a><div data-x=""# + huge
                + #"">x</div><a href="/after">c</a></body></html>"#)
        var links: [String] = []
        var attribute = 0
        document.forEachElement(named: ["a", "div"]) { element in
            if let href = element.attribute("href") { links.append(href) }
            if let value = element.attribute("data-x") { attribute = value.utf8.count }
        }
        #expect(links == ["/before", "/after"])
        #expect(attribute == 0 || attribute == huge.utf8.count, "whole or absent, never cut")
    }

    @Test func invalidUTF8KeepsTheMarkupAfterIt() throws {
        let bytes =
            Array(#"<html><head><meta charset="utf-8"><title>caf"#.utf8) + [0xE9, 0xFF, 0xFE, 0xC3]
            + Array(#"</title></head><body><p>ok</p><a href="/after">after</a></body></html>"#.utf8)
        let document = try Self.parse(bytes)
        var links: [String] = []
        document.forEachElement(named: ["a"]) { element in element.attribute("href").map { links.append($0) } }
        #expect(links == ["/after"])
        #expect(document.visibleText().hasSuffix("ok\nafter"))
        #expect(document.title?.hasPrefix("caf") == true)
    }

    @Test func aCharsetThatDoesNotFitIsReadAsLatin1() throws {
        // Latin-1 bytes under a declared Shift_JIS: libxml2 stops at the first it cannot convert.
        let bytes =
            Array(#"<html><head><meta charset="shift_jis"></head><body><p>M"#.utf8) + [0xFC, 0x80, 0xFF]
            + Array(#"nchen</p><a href="/after">after</a></body></html>"#.utf8)
        let document = try Self.parse(bytes)
        var links: [String] = []
        document.forEachElement(named: ["a"]) { element in element.attribute("href").map { links.append($0) } }
        #expect(links == ["/after"])
    }

    @Test(arguments: [
        [0x00], [0x3C], Array("<<<>>>".utf8), Array("<a href=".utf8), Array("</p></p></html>".utf8),
        Array(repeating: 0xFF, count: 4096), Array("<!--".utf8), Array("<![CDATA[".utf8),
    ])
    func garbageGivesADocumentOrNoneAndNeverTraps(bytes: [UInt8]) {
        guard let document = HTMLDocument(bytes) else { return }
        var elements = 0
        document.forEachPathElement { _ in elements += 1 }
        #expect(elements <= bytes.count + 2, "no more elements than the bytes could open")
        _ = document.visibleText()
    }
}
