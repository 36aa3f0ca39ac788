#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Everything the platform serves, loaded once: users, posts, the epoch-2 changes, media bytes
/// (with their transcodes), and the two epoch views.
struct PlatformCatalog: Sendable {
    let dataSet: DataSet
    let users: [User]
    let posts: [Int: Post]
    let sortedPostIDs: [Int]
    let media: [String: MediaFile]
    let epochs: [EpochView]

    /// Loads `DIR/<platform folder>/{users,posts,epoch2}.json` and `DIR/media/`.
    init(dataDirectory: String, dataSet: DataSet) throws(SamplePlatformError) {
        let folder = dataDirectory + "/" + dataSet.folderName
        let users = try Self.decode([User].self, from: folder + "/users.json")
        let posts = try Self.decode([Post].self, from: folder + "/posts.json")
        let changes = try Self.decode(EpochChanges.self, from: folder + "/epoch2.json")
        let entries = try Self.decode([MediaFile.Entry].self, from: dataDirectory + "/media/media.json")

        let handles = Set(users.map(\.handle))
        if let orphan = posts.first(where: { !handles.contains($0.author) }) {
            throw .invalidFile(
                path: folder + "/posts.json", detail: "post \(orphan.id) names unknown author @\(orphan.author)")
        }
        if let bad = posts.first(where: { Timestamp(iso8601: $0.createdAt) == nil }) {
            throw .invalidFile(path: folder + "/posts.json", detail: "post \(bad.id) has created_at '\(bad.createdAt)'")
        }
        var media: [String: MediaFile] = [:]
        for entry in entries {
            // Names become URL path segments and file names: nothing that could climb out of media/.
            guard !entry.name.isEmpty, !entry.name.contains("/"), !entry.name.hasPrefix(".") else {
                throw .invalidFile(path: dataDirectory + "/media/media.json", detail: "bad media name '\(entry.name)'")
            }
            media[entry.name] = MediaFile(entry: entry, original: try Self.read(dataDirectory + "/media/" + entry.name))
        }
        if let post = posts.first(where: { $0.media.contains { media[$0] == nil } }) {
            throw .invalidFile(
                path: folder + "/posts.json", detail: "post \(post.id) attaches media missing from media.json")
        }

        self.dataSet = dataSet
        self.users = users
        self.posts = Dictionary(posts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.sortedPostIDs = posts.map(\.id).sorted()
        self.media = media
        self.epochs = [
            EpochView(epoch: 1, users: users, posts: posts, changes: nil),
            EpochView(epoch: 2, users: users, posts: posts, changes: changes),
        ]
    }

    func view(epoch: Int) -> EpochView { epochs[epoch == 2 ? 1 : 0] }

    static func read(_ path: String) throws(SamplePlatformError) -> [UInt8] {
        // Foundation's error for a missing file is a paragraph; strerror says it in three words.
        guard access(path, R_OK) == 0 else {
            throw .unreadableFile(path: path, reason: String(cString: strerror(errno)))
        }
        do {
            return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .unreadableFile(path: path, reason: "\(error)")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from path: String) throws(SamplePlatformError) -> T {
        let bytes = try read(path)
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch {
            throw .invalidFile(path: path, detail: "\(error)")
        }
    }
}
