/// A post as a platform published it, rebuilt from one response.
public struct ExtractedPost: Sendable, Equatable {
    /// The platform (configured name, or the host the response came from).
    public var platform: String
    /// The platform's id for the post, as text exactly as published (64-bit ids survive).
    public var id: String
    /// The post's own page, when known (absolute).
    public var url: String?
    /// The author's handle, without a leading `@`, or a name or profile URL when no handle is given.
    public var author: String?
    /// The author's display name.
    public var authorDisplayName: String?
    /// When it was published, as the platform wrote it: ISO 8601 with its offset (RSS dates
    /// are converted to ISO 8601 keeping their offset; see `RFC822Date`).
    public var createdAt: String?
    /// The text: plain text, HTML turned into text (hashtags and mentions kept as `#tag`, `@name`).
    public var body: String
    /// The id (or URL) of the post this one replies to.
    public var replyTo: String?
    /// The id (or URL) of the post this one reposts.
    public var repostOf: String?
    /// Attached media.
    public var media: [ExtractedMedia]
    /// Latitude in decimal degrees, when the post carries a place.
    public var latitude: Double?
    /// Longitude in decimal degrees, when the post carries a place.
    public var longitude: Double?
    /// Whether the platform marks the post as removed (its content is still in the response).
    public var deleted: Bool

    /// A post; everything but `platform`, `id` and `body` is optional.
    public init(
        platform: String, id: String, url: String? = nil, author: String? = nil, authorDisplayName: String? = nil,
        createdAt: String? = nil, body: String, replyTo: String? = nil, repostOf: String? = nil,
        media: [ExtractedMedia] = [], latitude: Double? = nil, longitude: Double? = nil, deleted: Bool = false
    ) {
        self.platform = platform
        self.id = id
        self.url = url
        self.author = author
        self.authorDisplayName = authorDisplayName
        self.createdAt = createdAt
        self.body = body
        self.replyTo = replyTo
        self.repostOf = repostOf
        self.media = media
        self.latitude = latitude
        self.longitude = longitude
        self.deleted = deleted
    }
}
