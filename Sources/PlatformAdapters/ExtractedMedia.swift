/// A media file attached to a post.
public struct ExtractedMedia: Sendable, Equatable {
    /// The original file's URL (absolute).
    public var url: String
    /// The platform's re-encoded copy (often with metadata stripped), when it lists one.
    public var transcodedURL: String?
    /// `image`, `video` or `audio`, when known.
    public var kind: String?

    /// A media reference.
    public init(url: String, transcodedURL: String? = nil, kind: String? = nil) {
        self.url = url
        self.transcodedURL = transcodedURL
        self.kind = kind
    }

    /// `image`, `video` or `audio` for a MIME type, a Mastodon attachment type or a schema.org type.
    static func kind(_ value: String?) -> String? {
        guard let value = value?.lowercased() else { return nil }
        if value.hasPrefix("image") || value == "imageobject" || value == "photo" { return "image" }
        if value.hasPrefix("video") || value == "gifv" || value == "videoobject" { return "video" }
        if value.hasPrefix("audio") || value == "audioobject" { return "audio" }
        return nil
    }
}
