import CLibXML2

/// The title and the visible text of a page, for full-text indexing.
extension HTMLDocument {
    /// Elements whose text is never shown.
    private static let hiddenElements: Set<String> = [
        "script", "style", "noscript", "template", "head", "svg", "iframe", "object",
    ]
    /// Elements that start a new line of text.
    private static let blockElements: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4", "h5", "h6", "section",
        "article", "header", "footer", "blockquote", "pre", "hr", "nav", "aside", "main", "figure", "figcaption", "dd",
        "dt", "dl", "form", "address",
    ]

    /// Text of the first `<title>`, whitespace collapsed; nil when there is none.
    public var title: String? {
        var found: String?
        forEachElement { element in
            if found == nil, element.name == "title" { found = Self.collapse(element.text) }
        }
        return found.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The text a reader sees: text nodes outside script, style and head, in document order,
    /// whitespace collapsed, a line break between blocks. At most `limit` characters.
    public func visibleText(limit: Int = 1 << 20) -> String {
        guard let root else { return "" }
        var pieces: [String] = []
        var length = 0
        var visited = 0
        // (node, entering) pairs: a block element adds a break when it is left.
        var stack: [(Node, Bool)] = [(root, true)]
        while let (node, entering) = stack.popLast(), visited < Self.maxElements, length < limit {
            visited += 1
            if !entering {
                pieces.append("\n")
                continue
            }
            switch node.kind {
            case VESTIGE_HTML_TEXT:
                if let text = node.ownText {
                    pieces.append(text)
                    length += text.utf8.count
                }
            case VESTIGE_HTML_ELEMENT:
                let name = node.name
                if Self.hiddenElements.contains(name) { continue }
                if Self.blockElements.contains(name) {
                    pieces.append("\n")
                    stack.append((node, false))
                }
                for child in node.children.reversed() { stack.append((child, true)) }
            default:
                break
            }
        }
        // Collapse runs of spaces within lines and drop empty lines.
        let lines = pieces.joined().split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        let text = lines.map { Self.collapse(String($0)) }.filter { !$0.isEmpty }.joined(separator: "\n")
        return text.count > limit ? String(text.prefix(limit)) : text
    }

    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
