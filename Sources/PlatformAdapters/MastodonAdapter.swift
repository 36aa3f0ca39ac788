/// Mastodon's REST API (docs.joinmastodon.org/entities/Status): the public timeline, an
/// account's statuses, one status, a status context, and accounts.
///
/// Public and unlisted statuses become posts (a reblog's shared status too); links are the
/// `Link` header's next page, each account's statuses listing, and the media files.
public struct MastodonAdapter: PlatformAdapter {
    /// `mastodon`.
    public let name = "mastodon"
    /// The API object is the whole post.
    public let completeness = PostCompleteness.complete
    /// Visibilities archived; private and direct statuses are never turned into posts.
    static let publicVisibilities: Set<String> = ["public", "unlisted"]

    private let configuration: AdapterConfiguration

    /// An adapter filing posts under `configuration.platformName` (or the host).
    public init(configuration: AdapterConfiguration = AdapterConfiguration()) {
        self.configuration = configuration
    }

    /// Paths under `/api/v1/` with a JSON payload.
    public func matches(_ input: AdapterInput) -> Bool {
        input.path.hasPrefix("/api/v1/") && input.isJSON
    }

    /// The posts, links and removed ids in `input`; nothing for a response that is not a success.
    public func extract(_ input: AdapterInput) -> AdapterOutput {
        var output = AdapterOutput()
        guard input.isSuccess else { return output }
        let result = JSONReader.read(input.payload)
        guard let value = result.value else { return output }
        let context = Context(
            platform: configuration.platform(for: input.url), base: input.url, origin: URLParts(input.url)?.origin)
        switch value {
        case .array(let statuses):
            // A cut-off array still holds whole statuses.
            for status in statuses where !output.isFull { context.add(status, to: &output) }
        case .object:
            if value["account"]?.isObject == true {
                // One status: only when complete, a cut-off one would lose its text silently.
                if result.complete { context.add(value, to: &output) }
            } else if value["acct"] != nil || value["username"] != nil {
                context.addAccountLinks(value, to: &output)
            } else {
                // A context (`ancestors`, `descendants`) or search result (`statuses`).
                for key in ["ancestors", "descendants", "statuses"] {
                    for status in value[key]?.list ?? [] where !output.isFull { context.add(status, to: &output) }
                }
            }
        default:
            break
        }
        for next in LinkHeader.targets(input.headerValues("Link"), relation: "next") {
            output.add(link: next, base: input.url)
        }
        return output
    }

    /// What every status of one response shares.
    private struct Context {
        let platform: String
        let base: String
        let origin: String?

        /// Adds `status` (and the status it reblogs) with its links.
        func add(_ status: JSONValue, to output: inout AdapterOutput) {
            guard let post = post(status, media: &output) else { return }
            output.add(post)
            addAccountLinks(status["account"], to: &output)
            if let reblog = status["reblog"], reblog.isObject, let shared = self.post(reblog, media: &output) {
                output.add(shared)
                addAccountLinks(reblog["account"], to: &output)
            }
        }

        /// A public status as a post; its media URLs are added to `output`'s links.
        func post(_ status: JSONValue, media output: inout AdapterOutput) -> ExtractedPost? {
            guard status.isObject, let id = status["id"]?.nonBlankText else { return nil }
            let visibility = status["visibility"]?.string?.lowercased() ?? "public"
            guard MastodonAdapter.publicVisibilities.contains(visibility) else { return nil }
            let account = status["account"]
            var body = TextCleaning.htmlToText(status["content"]?.string ?? "")
            if let warning = status["spoiler_text"]?.nonBlankText {
                body = body.isEmpty ? warning : warning + "\n" + body
            }
            var media: [ExtractedMedia] = []
            for attachment in (status["media_attachments"]?.list ?? []).prefix(1_000) {
                guard
                    let url = attachment.first("url", "remote_url")?.string.flatMap({
                        URLParts.resolve($0, against: base)
                    })
                else { continue }
                let preview = attachment["preview_url"]?.string.flatMap { URLParts.resolve($0, against: base) }
                media.append(
                    ExtractedMedia(
                        url: url, transcodedURL: preview, kind: ExtractedMedia.kind(attachment["type"]?.string)))
                output.add(link: url)
                if let preview { output.add(link: preview) }
            }
            let reblog = status["reblog"]
            return ExtractedPost(
                platform: platform, id: id,
                url: status.first("url", "uri")?.string.flatMap { URLParts.resolve($0, against: base) },
                author: TextCleaning.handle(account?.first("acct", "username")?.text),
                authorDisplayName: account?["display_name"]?.nonBlankText,
                createdAt: status["created_at"]?.nonBlankText, body: body,
                replyTo: status["in_reply_to_id"]?.nonBlankText,
                repostOf: reblog?.isObject == true ? reblog?["id"]?.nonBlankText : nil, media: media)
        }

        /// The statuses listing of `account` (same instance), to page through its posts.
        func addAccountLinks(_ account: JSONValue?, to output: inout AdapterOutput) {
            guard let origin, let id = account?["id"]?.nonBlankText,
                id.utf8.count <= 64,
                id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
            else { return }
            output.add(link: origin + "/api/v1/accounts/" + id + "/statuses")
        }
    }
}
