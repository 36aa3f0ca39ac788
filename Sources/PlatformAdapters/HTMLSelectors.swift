/// Where posts are in a platform's HTML, for pages without JSON-LD or OpenGraph: a selector for
/// each post element and, inside it, selectors for its fields.
///
/// Selectors are a small CSS subset (`tag`, `.class`, `#id`, `tag.class`, `[attr=value]`,
/// descendant steps, comma alternatives), each alternative ending optionally in `@attr`, the
/// attribute to read (`time@datetime`); a bare `@attr` reads the post element itself. Without `@attr`: id, author
/// and body read the text; createdAt reads `datetime`, `content` or the text; media reads `src`,
/// `href` or `content`; url reads `href` or `content`.
public struct HTMLSelectors: Sendable, Equatable {
    /// The post elements, e.g. `article.post`.
    public let post: String
    /// The post id, e.g. `@data-post-id`.
    public let id: String?
    /// The author's handle or name, e.g. `.author .handle`.
    public let author: String?
    /// When it was published, e.g. `time.dt-published@datetime`.
    public let createdAt: String?
    /// The text, e.g. `.e-content`.
    public let body: String?
    /// Each media file, e.g. `figure a.original@href`.
    public let media: String?
    /// The post's own page, e.g. `a.u-url@href`.
    public let url: String?

    let parsed: Parsed

    /// The selectors, parsed.
    struct Parsed: Sendable, Equatable {
        let post: CSSSelector
        let id: CSSSelector?
        let author: CSSSelector?
        let createdAt: CSSSelector?
        let body: CSSSelector?
        let media: CSSSelector?
        let url: CSSSelector?

        /// Every attribute any selector tests, plus `id` and `class`.
        var testedAttributes: Set<String> {
            let all = [post, id, author, createdAt, body, media, url].compactMap { $0 }
            return all.reduce(into: ["id", "class"]) { $0.formUnion($1.testedAttributes) }
        }
    }

    /// Parses each selector; throws for unsupported syntax, naming the selector and position.
    public init(
        post: String, id: String? = nil, author: String? = nil, createdAt: String? = nil, body: String? = nil,
        media: String? = nil, url: String? = nil
    ) throws(HTMLSelectorError) {
        func parse(_ text: String?) throws(HTMLSelectorError) -> CSSSelector? {
            guard let text else { return nil }
            return try CSSSelector(parsing: text)
        }
        let postSelector = try CSSSelector(parsing: post)
        guard !postSelector.alternatives.contains(where: \.isSelf) else {
            throw HTMLSelectorError(selector: post, position: 1, message: "the post selector must name elements")
        }
        parsed = Parsed(
            post: postSelector, id: try parse(id), author: try parse(author), createdAt: try parse(createdAt),
            body: try parse(body), media: try parse(media), url: try parse(url))
        self.post = post
        self.id = id
        self.author = author
        self.createdAt = createdAt
        self.body = body
        self.media = media
        self.url = url
    }
}
