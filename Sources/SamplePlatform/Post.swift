/// A post as stored in `posts.json` (its epoch-1 state).
struct Post: Decodable, Sendable {
    let id: Int
    /// The author's handle.
    let author: String
    /// ISO 8601 UTC, e.g. `2021-01-04T00:18:28Z`.
    let createdAt: String
    /// `de` or `en`.
    let lang: String
    let body: String
    let hashtags: [String]
    let mentions: [String]
    let replyTo: Int?
    let repostOf: Int?
    /// File names under the media folder.
    let media: [String]
    /// `public` or `private`; private posts are never served.
    let visibility: String

    var isPublic: Bool { visibility == "public" }

    enum CodingKeys: String, CodingKey {
        case id, author, lang, body, hashtags, mentions, media, visibility
        case createdAt = "created_at"
        case replyTo = "reply_to"
        case repostOf = "repost_of"
    }
}
