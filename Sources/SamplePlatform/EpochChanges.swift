/// What changes between epoch 1 and epoch 2, as stored in `epoch2.json`.
struct EpochChanges: Decodable, Sendable {
    /// A post whose text was edited.
    struct Edit: Decodable, Sendable {
        let id: Int
        let editedAt: String
        let body: String
        let hashtags: [String]
        let mentions: [String]

        enum CodingKeys: String, CodingKey {
            case id, body, hashtags, mentions
            case editedAt = "edited_at"
        }
    }

    /// A post its author deleted.
    struct Deletion: Decodable, Sendable {
        let id: Int
        let deletedAt: String

        enum CodingKeys: String, CodingKey {
            case id
            case deletedAt = "deleted_at"
        }
    }

    /// An account the platform suspended: its profile and every post disappear.
    struct Suspension: Decodable, Sendable {
        let handle: String
        let suspendedAt: String

        enum CodingKeys: String, CodingKey {
            case handle
            case suspendedAt = "suspended_at"
        }
    }

    let edited: [Edit]
    let deleted: [Deletion]
    let suspended: [Suspension]
}
