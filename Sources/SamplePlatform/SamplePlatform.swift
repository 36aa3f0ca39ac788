import Hummingbird
import Logging
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A small public social platform from January 2021, served on 127.0.0.1 only: HTML pages with
/// OpenGraph and JSON-LD, a Parler-style JSON API with enumerable ids, a Mastodon-compatible read
/// API, RSS/Atom feeds, sitemaps, robots.txt, and media (originals with metadata, transcodes
/// without, Range requests). `vestige demo`, `vestige sample-platform` and the integration tests
/// crawl it. Epoch 2 edits and deletes posts and suspends accounts, for recrawl tests.
public final class SamplePlatform: Sendable {
    /// The rate limit `vestige sample-platform` uses unless told otherwise (requests per second per client).
    public static let defaultRateLimit = 20
    /// The `Server` header.
    public static let serverName = "VestigeSample/1.0 (Hummingbird)"

    /// Counts of what is served, for printing.
    public struct Summary: Sendable {
        public let users: Int
        public let posts: Int
        public let publicPosts: Int
        public let mediaFiles: Int
    }

    private struct Running {
        var task: Task<Void, Never>
        var port: Int
    }

    /// Which data set is served.
    public let dataSet: DataSet
    private let state: PlatformState
    private let server = Mutex<Running?>(nil)

    /// Loads the data set from `dataDirectory` (the folder holding `platform/`, `platform-small/`
    /// and `media/`, see `defaultDataDirectory()`). `rateLimit` is the number of requests per
    /// second one client may make (more get 429 with `Retry-After: 1`); nil turns limiting off.
    public init(dataDirectory: String, dataSet: DataSet = .full, epoch: Int = 1, rateLimit: Int? = nil) throws {
        guard epoch == 1 || epoch == 2 else { throw SamplePlatformError.invalidEpoch(epoch) }
        self.dataSet = dataSet
        let catalog = try PlatformCatalog(dataDirectory: dataDirectory, dataSet: dataSet)
        self.state = PlatformState(catalog: catalog, epoch: epoch, rateLimiter: rateLimit.map(RateLimiter.init))
    }

    /// The epoch being served: 1 as published, 2 after edits, deletions and suspensions.
    public var epoch: Int { state.epoch }

    /// Switches the epoch; takes effect from the next request.
    public func setEpoch(_ epoch: Int) throws {
        guard epoch == 1 || epoch == 2 else { throw SamplePlatformError.invalidEpoch(epoch) }
        state.epoch = epoch
    }

    /// The port while running, else nil.
    public var port: Int? { server.withLock { $0?.port } }

    /// `http://127.0.0.1:PORT` while running, else nil.
    public var baseURL: String? { port.map { "http://127.0.0.1:\($0)" } }

    /// What the data set holds; `publicPosts` counts the posts visible in the current epoch.
    public var summary: Summary {
        let catalog = state.catalog
        return Summary(
            users: catalog.users.count, posts: catalog.posts.count,
            publicPosts: catalog.view(epoch: state.epoch).timeline.count, mediaFiles: catalog.media.count)
    }

    /// Every request answered so far (the most recent 200,000), oldest first.
    public func servedRequests() -> [ServedRequest] { state.servedRequests }

    /// Forgets the requests answered so far.
    public func clearServedRequests() { state.clearServedRequests() }

    /// Starts serving on 127.0.0.1:`port` (0 = any free port) and returns the port once the
    /// socket listens.
    public func start(port: Int = 0) async throws -> Int {
        let shot = OneShot<Result<Int, SamplePlatformError>>()
        let state = self.state
        var logger = Logger(label: "vestige.sample-platform")
        logger.logLevel = .critical
        let application = Application(
            responder: PlatformResponder(state: state),
            configuration: ApplicationConfiguration(
                address: .hostname("127.0.0.1", port: port), serverName: Self.serverName),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                state.base = "http://127.0.0.1:\(bound)"
                shot.deliver(.success(bound))
            },
            logger: logger)
        try server.withLock { running in
            guard running == nil else { throw SamplePlatformError.alreadyRunning }
            let task = Task {
                do {
                    try await application.run()
                    shot.deliver(.failure(.cannotListen(port: port, reason: "the server stopped")))
                } catch {
                    shot.deliver(.failure(.cannotListen(port: port, reason: "\(error)")))
                }
            }
            running = Running(task: task, port: port)
        }
        switch await shot.value {
        case .success(let bound):
            server.withLock { $0?.port = bound }
            return bound
        case .failure(let error):
            let task = server.withLock { running in
                defer { running = nil }
                return running?.task
            }
            await task?.value
            throw error
        }
    }

    /// Stops serving and waits until the socket is closed. Does nothing when not running.
    public func stop() async {
        let task = server.withLock { running in
            defer { running = nil }
            return running?.task
        }
        task?.cancel()
        await task?.value
    }

    /// Where the sample data is: `Samples/` in the current directory, else `../../Samples`
    /// relative to the running executable (`.build/debug/vestige` in a checkout). Throws
    /// naming every place looked at.
    public static func defaultDataDirectory(currentDirectory: String? = nil) throws -> String {
        var candidates: [String] = []
        if let cwd = currentDirectory ?? Self.currentDirectory() {
            candidates.append(cwd + "/Samples")
        }
        if let executable = Self.executablePath() {
            var directory = executable
            for _ in 0..<4 {
                guard let slash = directory.lastIndex(of: "/") else { break }
                directory = String(directory[..<slash])
                if directory.isEmpty { break }
                candidates.append(directory + "/Samples")
            }
        }
        for candidate in candidates where access(candidate + "/platform/users.json", R_OK) == 0 {
            return candidate
        }
        throw SamplePlatformError.dataDirectoryNotFound(tried: candidates)
    }

    private static func currentDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func executablePath() -> String? {
        #if os(Linux)
            var buffer = [CChar](repeating: 0, count: 4096)
            let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
            guard length > 0 else { return nil }
            return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #else
            return CommandLine.arguments.first
        #endif
    }
}
