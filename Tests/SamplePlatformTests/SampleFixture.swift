import Foundation
import SamplePlatform
import Testing

/// The committed small data set, read straight from its JSON so that tests compare what the
/// platform serves with the facts it was generated from.
struct SampleFixture: Sendable {
    struct Post: Decodable, Sendable {
        let id: Int
        let author: String
        let createdAt: String
        let body: String
        let hashtags: [String]
        let replyTo: Int?
        let repostOf: Int?
        let media: [String]
        let visibility: String
    }

    struct User: Decodable, Sendable {
        let id: Int
        let handle: String
        let displayName: String
    }

    struct Changes: Decodable, Sendable {
        struct Edit: Decodable, Sendable {
            let id: Int
            let body: String
        }
        struct Deletion: Decodable, Sendable { let id: Int }
        struct Suspension: Decodable, Sendable { let handle: String }
        let edited: [Edit]
        let deleted: [Deletion]
        let suspended: [Suspension]
    }

    /// `Samples/` of this package, found from this file's location.
    static let dataDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Samples").path
    }()

    let users: [User]
    let posts: [Post]
    let changes: Changes

    init() throws {
        let folder = Self.dataDirectory + "/platform-small/"
        func load<T: Decodable>(_ name: String) throws -> T {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(T.self, from: Data(contentsOf: URL(fileURLWithPath: folder + name)))
        }
        users = try load("users.json")
        posts = try load("posts.json")
        changes = try load("epoch2.json")
    }

    var publicPosts: [Post] { posts.filter { $0.visibility == "public" } }
    var privatePosts: [Post] { posts.filter { $0.visibility == "private" } }

    func post(_ id: Int) -> Post? { posts.first { $0.id == id } }

    /// A public original post (no reply, no repost) with an image attached, untouched in epoch 2.
    func imagePost() throws -> Post {
        let changed = Set(changes.edited.map(\.id) + changes.deleted.map(\.id))
        let suspended = Set(changes.suspended.map(\.handle))
        return try #require(
            publicPosts.first {
                $0.repostOf == nil && $0.media.contains { $0.hasSuffix(".jpg") } && !changed.contains($0.id)
                    && !suspended.contains($0.author)
            })
    }

    /// Bytes of a file in Samples/media.
    static func media(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: dataDirectory + "/media/" + name)))
    }
}

/// One small platform (epoch 1, no rate limit) shared by the tests that only read: loading the
/// data and starting a server for each test would keep the two cores of a CI machine busy.
/// It runs until the test process exits.
enum SharedPlatform {
    private static let running = Task { () throws -> (SamplePlatform, Int) in
        let platform = try SamplePlatform(dataDirectory: SampleFixture.dataDirectory, dataSet: .small)
        return (platform, try await platform.start())
    }

    static var port: Int {
        get async throws { try await running.value.1 }
    }
}

/// Runs `body` against the shared small platform (epoch 1, no rate limit: tests must not change it).
func withSharedPlatform(_ body: (Int) async throws -> Void) async throws {
    try await body(try await SharedPlatform.port)
}

/// Runs `body` against a freshly started small platform on a free port, then stops it.
func withPlatform(
    epoch: Int = 1, rateLimit: Int? = nil, _ body: (SamplePlatform, Int) async throws -> Void
) async throws {
    let platform = try SamplePlatform(
        dataDirectory: SampleFixture.dataDirectory, dataSet: .small, epoch: epoch, rateLimit: rateLimit)
    let port = try await platform.start()
    do {
        try await body(platform, port)
    } catch {
        await platform.stop()
        throw error
    }
    await platform.stop()
}

/// The `content` attribute of `<meta property="NAME" content="…">` tags, in page order.
func metaContents(_ html: String, property: String) -> [String] {
    var found: [String] = []
    let marker = "<meta property=\"\(property)\" content=\""
    var rest = html[...]
    while let start = rest.range(of: marker) {
        let valueStart = start.upperBound
        guard let end = rest[valueStart...].firstIndex(of: "\"") else { break }
        found.append(String(rest[valueStart..<end]))
        rest = rest[end...]
    }
    return found
}

/// The JSON-LD object in a page's `<script type="application/ld+json">`.
func jsonLD(_ html: String) -> [String: Any]? {
    guard let start = html.range(of: "<script type=\"application/ld+json\">"),
        let end = html.range(of: "</script>", range: start.upperBound..<html.endIndex)
    else { return nil }
    let json = html[start.upperBound..<end.lowerBound]
    return (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any]
}
