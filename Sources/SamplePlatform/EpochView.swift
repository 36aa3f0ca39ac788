/// The platform as the public sees it in one epoch: which posts and accounts exist, their
/// current text, and the orderings that pages, feeds and APIs list them in (newest first).
struct EpochView: Sendable {
    let epoch: Int
    /// Visible posts by id.
    let posts: [Int: VisiblePost]
    /// Every visible post, newest (highest id) first.
    let timeline: [VisiblePost]
    /// Visible posts per author handle, newest first.
    let postsByAuthor: [String: [VisiblePost]]
    /// Visible posts per lower-cased hashtag, newest first.
    let postsByTag: [String: [VisiblePost]]
    /// Accounts that are not suspended, by id.
    let activeUsers: [User]
    let usersByHandle: [String: User]
    let usersByID: [Int: User]
    /// Suspended handles and when.
    let suspensions: [String: String]
    /// Deleted post ids and when.
    let deletions: [Int: String]
    let privateIDs: Set<Int>
    /// Visible replies per post id.
    let replyCounts: [Int: Int]
    /// Visible reposts per post id.
    let repostCounts: [Int: Int]

    init(epoch: Int, users: [User], posts allPosts: [Post], changes: EpochChanges?) {
        self.epoch = epoch
        let usersByHandle = Dictionary(users.map { ($0.handle, $0) }, uniquingKeysWith: { first, _ in first })
        self.usersByHandle = usersByHandle
        self.usersByID = Dictionary(users.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let suspensions = Dictionary(
            (changes?.suspended ?? []).map { ($0.handle, $0.suspendedAt) }, uniquingKeysWith: { first, _ in first })
        let deletions = Dictionary(
            (changes?.deleted ?? []).map { ($0.id, $0.deletedAt) }, uniquingKeysWith: { first, _ in first })
        let edits = Dictionary((changes?.edited ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.suspensions = suspensions
        self.deletions = deletions
        self.activeUsers = users.filter { suspensions[$0.handle] == nil }.sorted { $0.id < $1.id }
        self.privateIDs = Set(allPosts.filter { !$0.isPublic }.map(\.id))

        var visible: [Int: VisiblePost] = [:]
        for post in allPosts where post.isPublic && deletions[post.id] == nil && suspensions[post.author] == nil {
            guard let author = usersByHandle[post.author] else { continue }
            let edit = edits[post.id]
            visible[post.id] = VisiblePost(
                post: post, author: author, body: edit?.body ?? post.body, hashtags: edit?.hashtags ?? post.hashtags,
                mentions: edit?.mentions ?? post.mentions, editedAt: edit?.editedAt)
        }
        // A repost of something no longer visible disappears with it, as on Mastodon.
        for (id, post) in visible {
            if let original = post.post.repostOf, visible[original] == nil { visible[id] = nil }
        }
        self.posts = visible
        let timeline = visible.values.sorted { $0.id > $1.id }
        self.timeline = timeline
        var byAuthor: [String: [VisiblePost]] = [:]
        var byTag: [String: [VisiblePost]] = [:]
        var replies: [Int: Int] = [:]
        var reposts: [Int: Int] = [:]
        for post in timeline {
            byAuthor[post.author.handle, default: []].append(post)
            for tag in Set(post.hashtags.map { $0.lowercased() }) {
                byTag[tag, default: []].append(post)
            }
            if let parent = post.post.replyTo { replies[parent, default: 0] += 1 }
            if let original = post.post.repostOf { reposts[original, default: 0] += 1 }
        }
        self.postsByAuthor = byAuthor
        self.postsByTag = byTag
        self.replyCounts = replies
        self.repostCounts = reposts
    }

    func state(ofPost id: Int, allPosts: [Int: Post]) -> PostState {
        if let post = posts[id] { return .visible(post) }
        guard let stored = allPosts[id] else { return .missing }
        if !stored.isPublic { return .hidden }
        if suspensions[stored.author] != nil { return .authorSuspended }
        if let deletedAt = deletions[id] { return .removed(id: id, deletedAt: deletedAt) }
        // A repost whose original vanished.
        return .missing
    }

    func account(handle: String) -> AccountState {
        guard let user = usersByHandle[handle] else { return .missing }
        if let at = suspensions[handle] { return .suspended(user, suspendedAt: at) }
        return .active(user)
    }

    func account(id: Int) -> AccountState {
        guard let user = usersByID[id] else { return .missing }
        return account(handle: user.handle)
    }

    /// The newest visible post of an account, for `last_status_at` and Last-Modified.
    func latestPost(of handle: String) -> VisiblePost? { postsByAuthor[handle]?.first }
}
