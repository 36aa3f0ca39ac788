/// What an adapter found in one response.
public struct AdapterOutput: Sendable, Equatable {
    /// Most posts taken from one response.
    public static let maxPosts = 10_000
    /// Most links taken from one response.
    public static let maxLinks = 10_000

    /// Posts, in the order the response lists them, each id once.
    public private(set) var posts: [ExtractedPost] = []
    /// Absolute http(s) URLs to visit next (pagination, media, account listings), each once.
    public private(set) var links: [String] = []
    /// Ids the platform says were removed (a removed marker or HTTP 410), each once.
    public private(set) var deletedIDs: [String] = []

    private var postIDs: Set<String> = []
    private var linkSet: Set<String> = []
    private var deletedSet: Set<String> = []

    /// Nothing found.
    public init() {}

    /// An output holding `posts`, `links` and `deletedIDs` (duplicates dropped, caps applied).
    public init(posts: [ExtractedPost], links: [String] = [], deletedIDs: [String] = []) {
        for post in posts { add(post) }
        for link in links { add(link: link) }
        for id in deletedIDs { add(deletedID: id) }
    }

    /// Whether nothing was found.
    public var isEmpty: Bool { posts.isEmpty && links.isEmpty && deletedIDs.isEmpty }

    /// Whether another post would go over `maxPosts`.
    var isFull: Bool { posts.count >= Self.maxPosts }

    /// Adds `post` unless its id was seen or the cap is reached.
    mutating func add(_ post: ExtractedPost) {
        guard posts.count < Self.maxPosts, !post.id.isEmpty, postIDs.insert(post.id).inserted else { return }
        posts.append(post)
    }

    /// Adds an absolute URL unless seen or the cap is reached.
    mutating func add(link: String) {
        guard links.count < Self.maxLinks, !link.isEmpty, linkSet.insert(link).inserted else { return }
        links.append(link)
    }

    /// Resolves `reference` against `base` and adds it when it is an http(s) URL.
    mutating func add(link reference: String?, base: String) {
        guard let reference, let url = URLParts.resolve(reference, against: base) else { return }
        add(link: url)
    }

    /// Records a removed id.
    mutating func add(deletedID: String) {
        guard deletedIDs.count < Self.maxPosts, !deletedID.isEmpty, deletedSet.insert(deletedID).inserted else {
            return
        }
        deletedIDs.append(deletedID)
    }

    public static func == (lhs: AdapterOutput, rhs: AdapterOutput) -> Bool {
        lhs.posts == rhs.posts && lhs.links == rhs.links && lhs.deletedIDs == rhs.deletedIDs
    }
}
