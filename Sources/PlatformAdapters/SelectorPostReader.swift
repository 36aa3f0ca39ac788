import HTMLParsing

/// Posts found by configured `HTMLSelectors`, gathered during one walk over a page.
///
/// A post element's fields are looked for in the element itself and its descendants; when posts
/// nest (a quoted post inside a post), each field goes to the innermost open post.
struct SelectorPostReader {
    /// Most posts taken from one page.
    static let maxPosts = AdapterOutput.maxPosts
    /// Most media per post.
    static let maxMedia = 100

    /// A post being gathered.
    private struct Draft {
        let depth: Int
        let ordinal: Int
        var id: String?
        var author: String?
        var createdAt: String?
        var body: String?
        var url: String?
        var media: [ExtractedMedia] = []
    }

    private let selectors: HTMLSelectors.Parsed
    private let attributeNames: [String]
    private let platform: String
    private let base: String
    private var ancestors: [ElementSnapshot] = []
    private var open: [Draft] = []
    private var count = 0
    /// The posts found, in the order their elements end.
    private(set) var posts: [ExtractedPost] = []

    init(selectors: HTMLSelectors, platform: String, base: String) {
        self.selectors = selectors.parsed
        self.attributeNames = selectors.parsed.testedAttributes.sorted()
        self.platform = platform
        self.base = base
    }

    /// Looks at the next element of the walk (document order).
    mutating func visit(_ element: HTMLDocument.PathElement) {
        if ancestors.count > element.depth { ancestors.removeSubrange(element.depth...) }
        while let last = open.last, last.depth >= element.depth { finish(open.removeLast()) }
        var attributes: [String: String] = [:]
        for name in attributeNames {
            if let value = element.attribute(name) { attributes[name] = value }
        }
        let snapshot = ElementSnapshot(name: element.name, attributes: attributes)
        let scope = ancestors[...]
        if count < Self.maxPosts, selectors.post.match(snapshot, ancestors: scope, isPost: false) != nil {
            count += 1
            open.append(Draft(depth: element.depth, ordinal: count))
        }
        if !open.isEmpty {
            fill(element, snapshot: snapshot, ancestors: scope, isPost: open.last?.depth == element.depth)
        }
        ancestors.append(snapshot)
    }

    /// Ends the walk: posts still open are finished.
    mutating func finish() {
        while let last = open.popLast() { finish(last) }
    }

    private mutating func fill(
        _ element: HTMLDocument.PathElement, snapshot: ElementSnapshot, ancestors: ArraySlice<ElementSnapshot>,
        isPost: Bool
    ) {
        guard var draft = open.popLast() else { return }
        defer { open.append(draft) }
        func matching(_ selector: CSSSelector?) -> CSSSelector.Alternative? {
            selector?.match(snapshot, ancestors: ancestors, isPost: isPost)
        }
        func read(_ selector: CSSSelector.Alternative, fallbacks: [String], text: Bool = true) -> String? {
            let names = selector.attribute.map { [$0] } ?? fallbacks
            for name in names {
                if let value = element.attribute(name)?.trimmingBlanks(), !value.isEmpty { return value }
            }
            guard selector.attribute == nil, text else { return nil }
            let content = TextCleaning.collapse(element.text)
            return content.isEmpty ? nil : content
        }
        if draft.id == nil, let selector = matching(selectors.id) { draft.id = read(selector, fallbacks: []) }
        if draft.author == nil, let selector = matching(selectors.author) {
            draft.author = TextCleaning.handle(read(selector, fallbacks: []))
        }
        if draft.createdAt == nil, let selector = matching(selectors.createdAt) {
            draft.createdAt = read(selector, fallbacks: ["datetime", "content"])
        }
        if draft.body == nil, let selector = matching(selectors.body) { draft.body = read(selector, fallbacks: []) }
        if draft.url == nil, let selector = matching(selectors.url) {
            draft.url = read(selector, fallbacks: ["href", "content"]).flatMap { URLParts.resolve($0, against: base) }
        }
        if draft.media.count < Self.maxMedia, let selector = matching(selectors.media),
            let url = read(selector, fallbacks: ["src", "href", "content", "data-src"], text: false)
                .flatMap({ URLParts.resolve($0, against: base) }),
            !draft.media.contains(where: { $0.url == url })
        {
            let kind =
                ExtractedMedia.kind(element.attribute("type"))
                ?? ExtractedMedia.kind(snapshot.name == "img" ? "image" : snapshot.name)
            draft.media.append(ExtractedMedia(url: url, kind: kind))
        }
    }

    private mutating func finish(_ draft: Draft) {
        let body = draft.body ?? ""
        guard draft.id != nil || !body.isEmpty || !draft.media.isEmpty else { return }
        // Without an id the post is known by its page and place on it.
        let id = draft.id ?? draft.url ?? "\(URLParts(base)?.string ?? base)#\(draft.ordinal)"
        posts.append(
            ExtractedPost(
                platform: platform, id: id, url: draft.url, author: draft.author, createdAt: draft.createdAt,
                body: body,
                media: draft.media))
    }
}
