/// A post from OpenGraph `<meta>` tags, for pages without JSON-LD: only an `og:type` of
/// `article`, or a page with `article:published_time`, is taken to be a post.
struct OpenGraphReader {
    /// Most media tags kept.
    static let maxMedia = 100

    private var values: [String: String] = [:]
    private var media: [ExtractedMedia] = []

    /// Records one `<meta property|name=… content=…>`; the first value of each property wins.
    mutating func add(property: String, content: String, base: String) {
        let key = property.lowercased()
        switch key {
        case "og:image", "og:image:url", "og:video", "og:video:url":
            guard media.count < Self.maxMedia, let url = URLParts.resolve(content, against: base),
                !media.contains(where: { $0.url == url })
            else { return }
            media.append(ExtractedMedia(url: url, kind: key.hasPrefix("og:image") ? "image" : "video"))
        default:
            if values[key] == nil, values.count < 1_000 { values[key] = content }
        }
    }

    /// The page's post, if the tags describe one.
    func post(platform: String, base: String) -> ExtractedPost? {
        let published = values["article:published_time"]?.trimmingBlanks()
        guard values["og:type"]?.trimmingBlanks().lowercased() == "article" || published?.isEmpty == false else {
            return nil
        }
        let url = values["og:url"].flatMap { URLParts.resolve($0, against: base) } ?? URLParts(base)?.string
        guard let url else { return nil }
        let author = values["article:author"]?.trimmingBlanks()
        return ExtractedPost(
            platform: platform, id: url, url: url,
            author: TextCleaning.handle(fromProfileURL: author) ?? TextCleaning.handle(author),
            createdAt: published.flatMap { $0.isEmpty ? nil : $0 },
            body: (values["og:description"] ?? values["description"] ?? "").trimmingBlanks(), media: media)
    }
}
