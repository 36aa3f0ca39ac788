/// A post as the platform shows it in one epoch: the stored post with its current text.
struct VisiblePost: Sendable {
    let post: Post
    let author: User
    let body: String
    let hashtags: [String]
    let mentions: [String]
    /// When it was last edited (epoch 2 only); nil if never.
    let editedAt: String?

    var id: Int { post.id }
    var createdAt: Timestamp? { Timestamp(iso8601: post.createdAt) }
    var modifiedAt: String { editedAt ?? post.createdAt }
}
