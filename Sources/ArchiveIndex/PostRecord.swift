/// One post as a JSONL dump line describes it, validated and with its times in UTC.
///
/// Required keys: `platform`, `id` (string or integer), `author`, `created_at` (ISO 8601 with
/// any offset). Optional: `url`, `body`, `latitude` + `longitude` (both or neither),
/// `deleted_at`, `media` (array of objects with at least `url`), `author_display`, `lang`,
/// `reply_to`, `repost_of`. Unknown keys are ignored.
public struct PostRecord: Sendable, Hashable {
    /// One media item attached to a post: its URL and whatever else the dump said about it.
    public struct MediaReference: Sendable, Hashable {
        /// Where the media file was (or is) served.
        public var url: String
        /// The other keys of the dump's media object, as compact JSON (nil when there were none).
        public var info: String?

        /// A reference with these values.
        public init(url: String, info: String? = nil) {
            self.url = url
            self.info = info
        }
    }

    /// Platform name, such as `mastodon` or `sample`.
    public var platform: String
    /// The platform's id of the post (numbers are kept as their literal text).
    public var postID: String
    /// The post's URL.
    public var url: String?
    /// The author's handle.
    public var author: String
    /// The author's display name.
    public var authorDisplay: String?
    /// When the post was made.
    public var createdAt: Timestamp
    /// The text.
    public var body: String
    /// Language tag.
    public var lang: String?
    /// Id of the post this replies to.
    public var replyTo: String?
    /// Id of the post this reposts.
    public var repostOf: String?
    /// Latitude in signed decimal degrees.
    public var latitude: Double?
    /// Longitude in signed decimal degrees.
    public var longitude: Double?
    /// When the post was seen to be deleted.
    public var deletedAt: Timestamp?
    /// Attached media.
    public var media: [MediaReference]
    /// The platform adapter that read the post from an archived response (`mastodon`, `html`, …);
    /// nil for JSONL dumps.
    public var adapter: String?

    /// A record with these values.
    public init(
        platform: String, postID: String, url: String? = nil, author: String, authorDisplay: String? = nil,
        createdAt: Timestamp, body: String = "", lang: String? = nil, replyTo: String? = nil, repostOf: String? = nil,
        latitude: Double? = nil, longitude: Double? = nil, deletedAt: Timestamp? = nil, media: [MediaReference] = [],
        adapter: String? = nil
    ) {
        self.platform = platform
        self.postID = postID
        self.url = url
        self.author = author
        self.authorDisplay = authorDisplay
        self.createdAt = createdAt
        self.body = body
        self.lang = lang
        self.replyTo = replyTo
        self.repostOf = repostOf
        self.latitude = latitude
        self.longitude = longitude
        self.deletedAt = deletedAt
        self.media = media
        self.adapter = adapter
    }

    /// True when the post has the position 0,0 (what devices without a fix write).
    public var isNullIsland: Bool { latitude == 0 && longitude == 0 }

    /// Reads a record from a parsed dump line.
    public init(json: JSONValue) throws(PostRecordError) {
        guard case .object = json else { throw .notAnObject(json.kindName) }
        platform = try Self.requiredText(json, "platform")
        postID = try Self.identifier(json, "id", required: true) ?? ""
        author = try Self.requiredText(json, "author")
        guard let created = try Self.optionalText(json, "created_at") else { throw .missing("created_at") }
        guard let createdAt = Timestamp(parsing: created) else { throw .badDate("created_at", created) }
        self.createdAt = createdAt
        url = try Self.optionalText(json, "url")
        body = try Self.optionalText(json, "body") ?? ""
        authorDisplay = try Self.optionalText(json, "author_display")
        lang = try Self.optionalText(json, "lang")
        replyTo = try Self.identifier(json, "reply_to", required: false)
        repostOf = try Self.identifier(json, "repost_of", required: false)
        latitude = try Self.coordinate(json, "latitude", limit: 90)
        longitude = try Self.coordinate(json, "longitude", limit: 180)
        if (latitude == nil) != (longitude == nil) {
            throw .invalid(
                latitude == nil ? "longitude" : "latitude",
                "given without \(latitude == nil ? "latitude" : "longitude")")
        }
        if let deleted = try Self.optionalText(json, "deleted_at") {
            guard let deletedAt = Timestamp(parsing: deleted) else { throw .badDate("deleted_at", deleted) }
            self.deletedAt = deletedAt
        } else {
            deletedAt = nil
        }
        media = []
        switch json["media"] {
        case nil, .null?: break
        case .array(let items)?:
            for (position, item) in items.enumerated() {
                guard case .object(let members) = item else {
                    throw .invalid("media[\(position)]", "is \(item.kindName), expected an object with a url")
                }
                guard let url = item["url"]?.string, !url.isEmpty else {
                    throw .invalid("media[\(position)]", "has no \"url\" string")
                }
                let rest = members.filter { $0.0 != "url" }
                media.append(MediaReference(url: url, info: rest.isEmpty ? nil : JSONValue.object(rest).serialized))
            }
        case let other?:
            throw .wrongType("media", expected: "an array", found: other.kindName)
        }
    }

    private static func requiredText(_ json: JSONValue, _ key: String) throws(PostRecordError) -> String {
        guard let text = try optionalText(json, key) else { throw .missing(key) }
        guard !text.isEmpty else { throw .invalid(key, "is empty") }
        return text
    }

    private static func optionalText(_ json: JSONValue, _ key: String) throws(PostRecordError) -> String? {
        switch json[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw .wrongType(key, expected: "a string", found: other.kindName)
        }
    }

    private static func identifier(_ json: JSONValue, _ key: String, required: Bool) throws(PostRecordError) -> String?
    {
        switch json[key] {
        case nil, .null?:
            if required { throw .missing(key) }
            return nil
        case .string(let text)?:
            if required && text.isEmpty { throw .invalid(key, "is empty") }
            return text
        case .number(let literal)?:
            guard literal.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) else {
                throw .invalid(key, "is the number \(literal); ids must be strings or whole numbers")
            }
            return literal
        case let other?:
            throw .wrongType(key, expected: "a string or integer", found: other.kindName)
        }
    }

    private static func coordinate(_ json: JSONValue, _ key: String, limit: Double) throws(PostRecordError) -> Double? {
        switch json[key] {
        case nil, .null?: return nil
        case .number(let literal)?:
            guard let value = Double(literal), value.isFinite, abs(value) <= limit else {
                throw .invalid(key, "\(literal) is outside -\(Int(limit))…\(Int(limit))")
            }
            return value
        case let other?:
            throw .wrongType(key, expected: "a number", found: other.kindName)
        }
    }
}
