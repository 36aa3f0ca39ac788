import PlatformAdapters

extension PostRecord {
    /// The record for a post a platform adapter read from an archived response; nil when the
    /// response did not say who wrote it or when (an index row must not guess either).
    init?(_ post: ExtractedPost, adapter: String) {
        guard let author = post.author, !author.isEmpty, let created = post.createdAt,
            let createdAt = Timestamp(parsing: created)
        else { return nil }
        let media = post.media.map { item in
            var info: [String] = []
            if let kind = item.kind { info.append("\"kind\":" + JSONValue.quoted(kind)) }
            if let transcoded = item.transcodedURL { info.append("\"transcoded_url\":" + JSONValue.quoted(transcoded)) }
            return MediaReference(url: item.url, info: info.isEmpty ? nil : "{" + info.joined(separator: ",") + "}")
        }
        self.init(
            platform: post.platform, postID: post.id, url: post.url, author: author,
            authorDisplay: post.authorDisplayName, createdAt: createdAt, body: post.body, replyTo: post.replyTo,
            repostOf: post.repostOf, latitude: post.latitude, longitude: post.longitude, media: media,
            adapter: adapter)
    }
}
