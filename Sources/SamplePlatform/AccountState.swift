/// What the platform knows about a handle or account id in one epoch.
enum AccountState: Sendable {
    case active(User)
    /// Suspended by the platform (epoch 2): profile 410, posts gone.
    case suspended(User, suspendedAt: String)
    case missing
}
