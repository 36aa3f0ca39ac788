/// What the platform knows about a post id in one epoch.
enum PostState: Sendable {
    /// Public and shown.
    case visible(VisiblePost)
    /// Deleted by its author (epoch 2); the Parler-style API says so, everything else 404s.
    case removed(id: Int, deletedAt: String)
    /// Its author is suspended (epoch 2): gone everywhere.
    case authorSuspended
    /// A private post: never served, indistinguishable from a missing one.
    case hidden
    /// An id that was never used.
    case missing
}
