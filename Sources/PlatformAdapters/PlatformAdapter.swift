/// Turns one platform's responses into posts and next URLs.
///
/// Adapters are pure: the same input always gives the same output, with no network, clock or
/// state, so the crawler (to find the next URLs) and `vestige reindex` (to rebuild posts from
/// WARC files alone) get the same answer. Hostile input gives fewer posts, never a trap.
public protocol PlatformAdapter: Sendable {
    /// A short name for logs and statistics (`mastodon`, `feed`, …).
    var name: String { get }
    /// How much of a post this adapter's readings carry: platform APIs carry every field, HTML
    /// pages most, feeds the fewest. Of two readings of one post the fuller one is kept, and a
    /// poorer one is neither an edit nor a replacement.
    var completeness: PostCompleteness { get }
    /// Whether this adapter understands `input` (by path, media type or a look at the payload).
    func matches(_ input: AdapterInput) -> Bool
    /// The posts, links and removed ids in `input`.
    func extract(_ input: AdapterInput) -> AdapterOutput
}
