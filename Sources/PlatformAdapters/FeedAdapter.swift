/// RSS 2.0 (and RSS 1.0) and Atom feeds: each item or entry becomes a post.
///
/// Ids are the guid (Atom: id) or else the link; RSS dates are converted to ISO 8601 keeping their
/// offset; HTML descriptions and content become plain text; enclosures become media. Links are
/// the items' pages, the enclosures and the feed's next page (RFC 5005).
public struct FeedAdapter: PlatformAdapter {
    /// `feed`.
    public let name = "feed"
    /// A feed entry is a summary of its post.
    public let completeness = PostCompleteness.summary
    /// Deepest element nesting followed; deeper elements are read as text of their ancestors.
    static let maxDepth = 256
    /// Root elements of the feeds read.
    static let roots: Set<String> = ["rss", "feed", "rdf:rdf"]

    private let configuration: AdapterConfiguration

    /// An adapter filing posts under `configuration.platformName` (or the host).
    public init(configuration: AdapterConfiguration = AdapterConfiguration()) {
        self.configuration = configuration
    }

    /// RSS or Atom media types, or an XML payload whose root is `rss`, `feed` or `rdf:RDF`.
    public func matches(_ input: AdapterInput) -> Bool {
        if let type = input.contentType {
            if type.contains("rss") || type.contains("atom") { return true }
            guard type.contains("xml") || type == "text/plain" || type == "application/octet-stream" else {
                return false
            }
        }
        return XMLScanner.rootName(input.payload).map(Self.roots.contains) ?? false
    }

    /// The posts, links and removed ids in `input`; nothing for a response that is not a success.
    public func extract(_ input: AdapterInput) -> AdapterOutput {
        var output = AdapterOutput()
        guard input.isSuccess else { return output }
        let platform = configuration.platform(for: input.url)
        var stack: [String] = []
        // Where the current item or entry starts in `stack`, and what it holds so far.
        var entryDepth: Int?
        var entry = FeedEntry()
        var isAtom = false
        XMLScanner.scan(input.payload) { token in
            switch token {
            case .start(let name, let attributes, let selfClosing):
                if stack.isEmpty, name == "feed" { isAtom = true }
                if let depth = entryDepth {
                    if stack.count > depth, stack.count - depth <= FeedEntry.maxPathDepth {
                        entry.add(element: Array(stack[(depth + 1)...]) + [name], attributes: attributes)
                    }
                } else if name == "item" || name == "entry", !selfClosing, stack.count < Self.maxDepth {
                    entryDepth = stack.count
                    entry = FeedEntry()
                } else if name == "link" || name == "atom:link", attributes["rel"]?.lowercased() == "next" {
                    output.add(link: attributes["href"], base: input.url)
                }
                if !selfClosing, stack.count < Self.maxDepth { stack.append(name) }
            case .end(let name):
                // Tolerant nesting: close up to the matching open element, ignore stray end tags.
                guard let open = stack.lastIndex(of: name) else { return true }
                stack.removeSubrange(open...)
                if let depth = entryDepth, stack.count <= depth {
                    entryDepth = nil
                    add(entry, atom: isAtom, platform: platform, base: input.url, to: &output)
                }
            case .text(let text):
                if let depth = entryDepth, stack.count > depth + 1 {
                    // Deep markup inside an entry still counts for its outer elements.
                    let end = min(stack.count, depth + 1 + FeedEntry.maxPathDepth)
                    entry.append(text, path: Array(stack[(depth + 1)..<end]))
                }
            }
            return !output.isFull
        }
        return output
    }

    private func add(_ entry: FeedEntry, atom: Bool, platform: String, base: String, to output: inout AdapterOutput) {
        let resolve = { (text: String?) in text.flatMap { URLParts.resolve($0, against: base) } }
        // The page: RSS <link>text</link>; Atom <link rel="alternate" href>; a permalink guid.
        let alternateLink = entry.attributes("link").first { ($0["rel"] ?? "alternate").lowercased() == "alternate" }
        let alternate = alternateLink?["href"]
        let guidIsLink = entry.attributes("guid").first?["ispermalink"]?.lowercased() != "false"
        let url =
            resolve(alternate) ?? resolve(entry.text("link"))
            ?? (guidIsLink ? entry.text("guid").flatMap { URLParts($0)?.string } : nil)
        guard let id = entry.text("guid", "id") ?? url ?? entry.text("link") else { return }

        var media: [ExtractedMedia] = []
        func addMedia(_ reference: String?, type: String?) {
            guard let mediaURL = resolve(reference), !media.contains(where: { $0.url == mediaURL }) else { return }
            media.append(ExtractedMedia(url: mediaURL, kind: ExtractedMedia.kind(type)))
            output.add(link: mediaURL)
        }
        for enclosure in entry.attributes("enclosure") { addMedia(enclosure["url"], type: enclosure["type"]) }
        for link in entry.attributes("link") where link["rel"]?.lowercased() == "enclosure" {
            addMedia(link["href"], type: link["type"])
        }
        for content in entry.attributes("media:content") {
            addMedia(content["url"], type: content["medium"] ?? content["type"])
        }

        let authorName = entry.text("author/name", "dc:creator", "author")
        let (handle, displayName) = Self.author(name: authorName, uri: entry.text("author/uri"))
        let published = entry.text("published", "pubdate", "dc:date", "updated")
        let createdAt = published.map { RFC822Date.iso8601(from: $0) ?? $0 }
        let bodyHTML = entry.text("content:encoded", "content", "description", "summary") ?? ""
        let contentType = entry.attributes("content").first?["type"]?.lowercased()
        let isPlainAtomText = atom && entry.text("content") != nil && (contentType == nil || contentType == "text")
        var body = isPlainAtomText ? bodyHTML : TextCleaning.htmlToText(bodyHTML)
        // A title-only item (no description or content at all) is known by its title.
        if body.isEmpty, !["content:encoded", "content", "description", "summary"].contains(where: entry.contains),
            let title = entry.text("title")
        {
            body = TextCleaning.htmlToText(title)
        }
        let replyTo = entry.attributes("thr:in-reply-to").first.flatMap { $0["ref"] ?? $0["href"] }
        let place = Self.place(entry)
        if let url { output.add(link: url) }
        output.add(
            ExtractedPost(
                platform: platform, id: id, url: url, author: handle, authorDisplayName: displayName,
                createdAt: createdAt, body: body, replyTo: replyTo, media: media, latitude: place?.0,
                longitude: place?.1))
    }

    /// The handle and display name: `@alice` (dc:creator), `alice@example.com (Alice)` (RSS
    /// author), or a name with a profile URI such as `https://host/@alice` (Atom).
    static func author(name: String?, uri: String?) -> (String?, String?) {
        if let handle = TextCleaning.handle(fromProfileURL: uri) { return (handle, name) }
        guard let name else { return (uri, nil) }
        if let open = name.firstIndex(of: "("), let close = name.lastIndex(of: ")"), open < close {
            let display = name[name.index(after: open)..<close].trimmingBlanks()
            let address = name[..<open].trimmingBlanks()
            return (TextCleaning.handle(address.isEmpty ? display : address), display.isEmpty ? nil : display)
        }
        return name.hasPrefix("@") ? (TextCleaning.handle(name), nil) : (name, name)
    }

    /// `georss:point` ("lat lon") or `geo:lat` / `geo:long`.
    static func place(_ entry: FeedEntry) -> (Double, Double)? {
        if let point = entry.text("georss:point") {
            let numbers = point.split(whereSeparator: { $0.isWhitespace || $0 == "," }).compactMap { Double($0) }
            if numbers.count == 2 { return TextCleaning.coordinates(numbers[0], numbers[1]) }
        }
        return TextCleaning.coordinates(
            entry.text("geo:lat").flatMap(Double.init), entry.text("geo:long", "geo:lon").flatMap(Double.init))
    }
}
