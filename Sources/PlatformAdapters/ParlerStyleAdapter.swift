/// Parler-style JSON APIs: one post per sequential id (`/api/post/{id}`, or the configured
/// `IDRangeTemplate`) and paginated user feeds (`/api/user/{handle}/posts?page=N`).
///
/// A post object becomes a post; `{"id": N, "removed": true}` or HTTP 410 records the id as
/// removed; 404 means the id never existed and gives nothing. Links: a feed's `next` page
/// (JSON field or `Link` header), a user's `posts_url`, and the media files.
public struct ParlerStyleAdapter: PlatformAdapter {
    /// `parler-style`.
    public let name = "parler-style"
    /// The API object is the whole post.
    public let completeness = PostCompleteness.complete

    private let configuration: AdapterConfiguration

    /// An adapter for the default paths and `configuration.idRange`'s template.
    public init(configuration: AdapterConfiguration = AdapterConfiguration()) {
        self.configuration = configuration
    }

    /// The template's path, or `/api/post/…` / `/api/user/…`; JSON payloads, or any 404/410.
    public func matches(_ input: AdapterInput) -> Bool {
        guard isAPIPath(input) else { return false }
        return input.isJSON || input.status == 404 || input.status == 410
    }

    private func isAPIPath(_ input: AdapterInput) -> Bool {
        if configuration.idRange?.id(in: input.url) != nil { return true }
        let path = input.path
        return path.hasPrefix("/api/post/") || path.hasPrefix("/api/user/")
    }

    /// The post id a single-post URL names, if it is one.
    private func postID(in url: String) -> String? {
        if let id = configuration.idRange?.id(in: url) { return id }
        guard let parts = URLParts(url) else { return nil }
        let segments = parts.pathSegments
        guard segments.count == 3, segments[0] == "api", segments[1] == "post",
            segments[2].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
        else { return nil }
        return String(segments[2])
    }

    /// The posts, links and removed ids in `input`; a 410 gives only the removed id, other failures nothing.
    public func extract(_ input: AdapterInput) -> AdapterOutput {
        var output = AdapterOutput()
        let result = input.isJSON ? JSONReader.read(input.payload) : JSONReader.Result(value: nil, complete: false)
        if input.status == 410 {
            // Gone: the body's id when it names one, else the URL's.
            if let id = result.value?["id"]?.nonBlankText ?? postID(in: input.url) { output.add(deletedID: id) }
            return output
        }
        guard input.isSuccess, let value = result.value else { return output }
        let platform = configuration.platform(for: input.url)
        switch value {
        case .array(let posts):
            for post in posts where !output.isFull { add(post, platform: platform, base: input.url, to: &output) }
        case .object:
            if let posts = value["posts"] ?? value["items"] ?? value["data"], case .array(let list) = posts {
                for post in list where !output.isFull { add(post, platform: platform, base: input.url, to: &output) }
                if let next = value["next"]?.string { output.add(link: next, base: input.url) }
            } else if Self.isPost(value), result.complete {
                // One post (complete only: a cut-off post would be stored without its text).
                add(value, platform: platform, base: input.url, fallbackURL: input.url, to: &output)
            }
            if let postsURL = value["posts_url"]?.string { output.add(link: postsURL, base: input.url) }
        default:
            break
        }
        for next in LinkHeader.targets(input.headerValues("Link"), relation: "next") {
            output.add(link: next, base: input.url)
        }
        return output
    }

    /// Keys only a post (or a removed post's marker) has: a user object has an id too.
    private static let postKeys = ["body", "text", "content", "author", "repost_of", "media", "removed", "deleted"]

    /// Whether `value` is a post object rather than a user or an error.
    private static func isPost(_ value: JSONValue) -> Bool {
        value.isObject && value["id"] != nil && postKeys.contains { value[$0] != nil }
    }

    /// Adds one post object: a post, or a removed id when it carries only the removed marker.
    private func add(
        _ object: JSONValue, platform: String, base: String, fallbackURL: String? = nil, to output: inout AdapterOutput
    ) {
        guard Self.isPost(object), let id = object["id"]?.nonBlankText else { return }
        let removed = object["removed"]?.isTrue == true || object["deleted"]?.isTrue == true
        let body = object.first("body", "text", "content")?.string
        let authorValue = object["author"]
        let author: String? =
            authorValue?.isObject == true
            ? TextCleaning.handle(authorValue?.first("handle", "username", "name")?.text)
            : TextCleaning.handle(authorValue?.text ?? object["username"]?.text)
        if removed {
            output.add(deletedID: id)
            // Only a marker: nothing more to keep.
            guard body != nil || author != nil else { return }
        }
        var media: [ExtractedMedia] = []
        for item in (object["media"]?.list ?? []).prefix(1_000) {
            let urlText = item.isObject ? item.first("url", "src")?.string : item.string
            guard let url = urlText.flatMap({ URLParts.resolve($0, against: base) }) else { continue }
            let transcoded = item["transcoded_url"]?.string.flatMap { URLParts.resolve($0, against: base) }
            media.append(
                ExtractedMedia(
                    url: url, transcodedURL: transcoded,
                    kind: ExtractedMedia.kind(item.first("type", "mime_type")?.string)))
            output.add(link: url)
            if let transcoded { output.add(link: transcoded) }
        }
        let location = object.first("location", "geo")
        let place = TextCleaning.coordinates(
            (object.first("latitude", "lat") ?? location?.first("latitude", "lat"))?.double,
            (object.first("longitude", "lon", "lng") ?? location?.first("longitude", "lon", "lng"))?.double)
        output.add(
            ExtractedPost(
                platform: platform, id: id,
                url: object.first("url", "permalink")?.string.flatMap { URLParts.resolve($0, against: base) }
                    ?? fallbackURL,
                author: author,
                authorDisplayName: (authorValue?.isObject == true
                    ? authorValue?["name"] : object.first("author_name", "name"))?
                    .nonBlankText,
                createdAt: object.first("created_at", "createdAt", "date")?.nonBlankText,
                body: body ?? "",
                replyTo: object.first("reply_to", "in_reply_to", "parent")?.nonBlankText,
                repostOf: object.first("repost_of", "reposted", "shared")?.nonBlankText,
                media: media, latitude: place?.0, longitude: place?.1, deleted: removed))
    }
}
