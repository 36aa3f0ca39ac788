/// Posts in schema.org JSON-LD: `SocialMediaPosting` and `DiscussionForumPosting`, and
/// `BlogPosting` / `Article` / `NewsArticle` that carry an `articleBody`.
struct JSONLDPostReader {
    /// Types that are posts whatever they hold.
    static let postTypes: Set<String> = ["socialmediaposting", "discussionforumposting"]
    /// Types that are posts only with an `articleBody`.
    static let articleTypes: Set<String> = ["blogposting", "article", "newsarticle", "report"]
    /// Most nodes looked at per block.
    static let maxNodes = 1_000

    let platform: String
    /// The page URL, for relative references and as the last-resort id.
    let base: String

    /// The posts in one `<script type="application/ld+json">` block's text.
    func posts(inBlock text: String) -> [ExtractedPost] {
        guard let value = JSONReader.parse(Array(text.utf8)) else { return [] }
        var nodes: [JSONValue] = []
        for node in value.list.prefix(Self.maxNodes) {
            nodes.append(node)
            nodes += (node["@graph"]?.list ?? []).prefix(Self.maxNodes)
        }
        return nodes.prefix(Self.maxNodes).compactMap(post)
    }

    private func post(_ node: JSONValue) -> ExtractedPost? {
        guard node.isObject else { return nil }
        let types = Set((node["@type"]?.list ?? []).compactMap { $0.string?.lowercased() })
        let isPost =
            !types.isDisjoint(with: Self.postTypes)
            || (!types.isDisjoint(with: Self.articleTypes) && node["articleBody"]?.string != nil)
        guard isPost else { return nil }
        let url = resolve(node["url"]?.list.first?.string) ?? resolve(node["@id"]?.string)
        let identifier = Self.identifier(node["identifier"])
        guard let id = identifier ?? node["@id"]?.nonBlankText ?? url ?? URLParts(base)?.string else { return nil }
        let author = node.first("author", "creator")?.list.first
        let (handle, displayName) = Self.author(author)
        let body = ["articleBody", "text", "headline", "description"].lazy.compactMap { node[$0]?.string }.first ?? ""
        var media: [ExtractedMedia] = []
        for (key, kind) in [("image", "image"), ("video", "video"), ("associatedMedia", nil)] {
            for item in (node[key]?.list ?? []).prefix(1_000) {
                guard let found = self.media(item, kind: kind), !media.contains(where: { $0.url == found.url }) else {
                    continue
                }
                media.append(found)
            }
        }
        let place = Self.place(node.first("contentLocation", "locationCreated")?.list.first)
        return ExtractedPost(
            platform: platform, id: id, url: url ?? URLParts(base)?.string, author: handle,
            authorDisplayName: displayName,
            createdAt: node.first("datePublished", "dateCreated")?.nonBlankText, body: body,
            replyTo: reference(node.first("inReplyTo", "parentItem"), ownURL: url, ownID: identifier),
            repostOf: reference(node.first("sharedContent", "isBasedOn"), ownURL: url, ownID: identifier), media: media,
            latitude: place?.0, longitude: place?.1)
    }

    /// `"123"`, `123` or a `PropertyValue` `{"value": "123"}`.
    private static func identifier(_ value: JSONValue?) -> String? {
        guard let value = value?.list.first else { return nil }
        return value.nonBlankText ?? value["value"]?.nonBlankText
    }

    /// The handle and display name of a `Person` (or a plain name).
    private static func author(_ value: JSONValue?) -> (String?, String?) {
        guard let value else { return (nil, nil) }
        if let name = value.nonBlankText { return (TextCleaning.handle(name), name.hasPrefix("@") ? nil : name) }
        let name = value["name"]?.nonBlankText
        let alternate = value["alternateName"]?.nonBlankText
        let handle =
            TextCleaning.handle(fromProfileURL: value["url"]?.list.first?.string)
            ?? alternate.flatMap { $0.hasPrefix("@") ? TextCleaning.handle($0) : nil }
            ?? TextCleaning.handle(alternate) ?? name ?? value["url"]?.list.first?.string
        return (handle, name)
    }

    /// A post this one refers to: its identifier, or its `@id` / URL. When the page's own URL ends
    /// in its identifier, a reference URL of the same shape on the same host gives its last segment.
    private func reference(_ value: JSONValue?, ownURL: String?, ownID: String?) -> String? {
        guard let value = value?.list.first else { return nil }
        if let identifier = Self.identifier(value["identifier"]) { return identifier }
        guard let text = value.nonBlankText ?? value["@id"]?.nonBlankText ?? value["url"]?.list.first?.string else {
            return nil
        }
        guard let ownID, let own = ownURL.flatMap(URLParts.init), let target = URLParts.resolve(text, against: base),
            let other = URLParts(target), own.pathSegments.last.map(String.init) == ownID, other.host == own.host,
            other.pathSegments.count == own.pathSegments.count, let last = other.pathSegments.last
        else { return URLParts.resolve(text, against: base) ?? text }
        return String(last)
    }

    /// An `ImageObject` / `VideoObject` / `MediaObject`, or a bare URL.
    private func media(_ item: JSONValue, kind: String?) -> ExtractedMedia? {
        if let text = item.string {
            return resolve(text).map { ExtractedMedia(url: $0, kind: kind) }
        }
        guard let url = resolve(item.first("contentUrl", "url")?.list.first?.string) else { return nil }
        let type = item["@type"]?.list.first?.string ?? item["encodingFormat"]?.string
        return ExtractedMedia(
            url: url, transcodedURL: resolve(item["thumbnailUrl"]?.list.first?.string),
            kind: ExtractedMedia.kind(type) ?? kind)
    }

    /// `Place.geo` (`GeoCoordinates`) or a `Place`'s own latitude and longitude.
    private static func place(_ value: JSONValue?) -> (Double, Double)? {
        guard let value else { return nil }
        let geo = value["geo"]?.list.first ?? value
        return TextCleaning.coordinates(geo["latitude"]?.double, geo["longitude"]?.double)
    }

    private func resolve(_ text: String?) -> String? {
        text.flatMap { URLParts.resolve($0, against: base) }
    }
}
