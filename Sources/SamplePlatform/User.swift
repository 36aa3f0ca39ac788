/// An account of the sample platform, as stored in `users.json`.
struct User: Decodable, Sendable {
    let id: Int
    let handle: String
    let displayName: String
    let bio: String
    /// ISO 8601 UTC, e.g. `2019-05-02T10:11:12Z`.
    let createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, handle, bio
        case displayName = "display_name"
        case createdAt = "created_at"
    }
}
