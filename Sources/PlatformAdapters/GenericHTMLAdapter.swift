import HTMLParsing

/// The last resort for HTML pages: a post from JSON-LD (`SocialMediaPosting`, or an article with
/// `articleBody`), else from OpenGraph tags, plus any posts the configured `HTMLSelectors` find.
///
/// Links are left to the crawler's own link extractor: this adapter returns none.
public struct GenericHTMLAdapter: PlatformAdapter {
    /// `html`.
    public let name = "html"
    /// A page shows most of a post's fields.
    public let completeness = PostCompleteness.page

    private let configuration: AdapterConfiguration

    /// An adapter using `configuration.htmlSelectors` when given.
    public init(configuration: AdapterConfiguration = AdapterConfiguration()) {
        self.configuration = configuration
    }

    /// HTML media types, or (without one) a payload that starts like HTML.
    public func matches(_ input: AdapterInput) -> Bool {
        if let type = input.contentType { return type.contains("html") }
        let head = String(decoding: input.payload.prefix(1024), as: UTF8.self).lowercased()
        return head.contains("<!doctype html") || head.contains("<html")
    }

    /// The page's posts (never links); nothing for a response that is not a success.
    public func extract(_ input: AdapterInput) -> AdapterOutput {
        var output = AdapterOutput()
        guard input.isSuccess, let document = HTMLDocument(input.payload, url: input.url) else { return output }
        let platform = configuration.platform(for: input.url)
        var openGraph = OpenGraphReader()
        var blocks: [String] = []
        var selectorReader = configuration.htmlSelectors.map {
            SelectorPostReader(selectors: $0, platform: platform, base: input.url)
        }
        document.forEachPathElement { element in
            switch element.name {
            case "meta":
                if let property = element.attribute("property") ?? element.attribute("name"),
                    let content = element.attribute("content")
                {
                    openGraph.add(property: property, content: content, base: input.url)
                }
            case "script":
                if blocks.count < 100, element.attribute("type")?.trimmingBlanks().lowercased() == "application/ld+json"
                {
                    blocks.append(element.text)
                }
            default:
                break
            }
            selectorReader?.visit(element)
        }
        selectorReader?.finish()
        let reader = JSONLDPostReader(platform: platform, base: input.url)
        let structured = blocks.flatMap { reader.posts(inBlock: $0) }
        for post in structured { output.add(post) }
        if structured.isEmpty, let post = openGraph.post(platform: platform, base: input.url) { output.add(post) }
        for post in selectorReader?.posts ?? [] { output.add(post) }
        return output
    }
}
