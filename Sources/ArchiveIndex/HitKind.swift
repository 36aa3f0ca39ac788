/// What a search hit is: a post, a crawled page or a media file.
public enum HitKind: String, Sendable, Hashable, CaseIterable {
    /// A post (from a JSONL dump or a platform adapter).
    case post
    /// An HTML page from a WARC response record.
    case page
    /// An image or video from a WARC response record.
    case media
}
