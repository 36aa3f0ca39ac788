public import ArgumentParser
import Dispatch
import SamplePlatform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `vestige sample-platform`: serve the sample social platform on 127.0.0.1 until Ctrl-C.
public struct SamplePlatformCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sample-platform",
        abstract: "Serve the sample social platform on 127.0.0.1, for trying crawls and adapters.",
        discussion: """
            A small public platform from January 2021 (300 accounts, 3,000 posts in German and \
            English, ~3 % private and never served, images and videos with GPS in their headers), \
            with HTML pages (OpenGraph, JSON-LD), a Parler-style API with sequential ids, a \
            Mastodon-compatible API, RSS/Atom feeds, sitemaps, robots.txt and Range-capable media. \
            It listens on 127.0.0.1 only and runs until Ctrl-C.

            Epoch 2 is the platform a few days later: about 60 posts edited, 40 deleted and two \
            accounts suspended; crawl epoch 1, restart with --epoch 2, and recrawl.

            Data: --data DIR (the folder holding platform/, platform-small/ and media/), else \
            Samples/ in the current directory, else next to the vestige executable's checkout.

            Examples:
              vestige sample-platform
              vestige sample-platform --port 0 --epoch 2 --no-rate-limit
            """)

    @Option(help: "Port on 127.0.0.1 (0 = any free port).")
    var port: Int = 8080

    @Option(help: "1 = as published, 2 = after edits, deletions and suspensions.")
    var epoch: Int = 1

    @Flag(help: "Serve the small data set (40 accounts, 300 posts) the tests use.")
    var small = false

    @Flag(help: "Do not answer fast clients with 429 Too Many Requests.")
    var noRateLimit = false

    @Option(help: "Requests per second one client may make before getting 429 with Retry-After: 1.")
    var rateLimit: Int = SamplePlatform.defaultRateLimit

    @Option(help: ArgumentHelp("The sample data folder (holding platform/ and media/).", valueName: "DIR"))
    var data: String?

    public init() {}

    public func validate() throws {
        guard epoch == 1 || epoch == 2 else { throw ValidationError("--epoch must be 1 or 2, not \(epoch).") }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard rateLimit >= 1 else { throw ValidationError("--rate-limit must be at least 1 request per second.") }
    }

    public func run() async throws {
        var errors = StandardStream.error
        let platform: SamplePlatform
        do {
            let directory = try data ?? SamplePlatform.defaultDataDirectory()
            platform = try SamplePlatform(
                dataDirectory: directory, dataSet: small ? .small : .full, epoch: epoch,
                rateLimit: noRateLimit ? nil : rateLimit)
        } catch let error as SamplePlatformError {
            errors.write("vestige sample-platform: \(error)\n")
            errors.flush()
            if case .dataDirectoryNotFound = error { throw ExitCode.usage }
            throw ExitCode.badInput
        }
        let bound: Int
        do {
            bound = try await platform.start(port: port)
        } catch {
            errors.write("vestige sample-platform: \(error)\n")
            errors.flush()
            throw ExitCode.failure
        }
        var out = StandardStream.output
        out.write(
            Self.banner(platform: platform, base: "http://127.0.0.1:\(bound)", rateLimit: noRateLimit ? nil : rateLimit)
        )
        out.flush()
        await InterruptSignal.wait()
        out.write("\nstopping after \(platform.servedRequests().count) requests\n")
        out.flush()
        await platform.stop()
    }

    static func banner(platform: SamplePlatform, base: String, rateLimit: Int?) -> String {
        let summary = platform.summary
        let limit =
            rateLimit.map { "rate limit \($0) requests/s per client (then 429, Retry-After: 1)" } ?? "no rate limit"
        let routes: [(String, String)] = [
            ("/", "home: recent posts (?page=N), links to accounts, feeds, sitemap"),
            ("/users", "all accounts (?page=N)"),
            ("/@HANDLE", "profile, 20 posts a page (?page=N); 410 when suspended"),
            ("/@HANDLE/posts/ID", "post page: OpenGraph, JSON-LD SocialMediaPosting, original + transcoded media"),
            ("/tags/TAG", "posts with a hashtag (?page=N)"),
            ("/api/post/ID", "Parler-style post JSON; sequential ids; 404 never used, 410 {removed} deleted"),
            ("/api/user/HANDLE", "Parler-style account JSON"),
            ("/api/user/HANDLE/posts?page=N", "Parler-style posts, 20 a page, \"next\" link"),
            ("/api/v1/timelines/public", "Mastodon: public timeline (limit, max_id, since_id, min_id; Link header)"),
            ("/api/v1/accounts/ID", "Mastodon: account (also /api/v1/accounts/lookup?acct=HANDLE)"),
            ("/api/v1/accounts/ID/statuses", "Mastodon: an account's statuses"),
            ("/api/v1/statuses/ID", "Mastodon: one status"),
            ("/feed.rss, /feed.atom", "recent posts with enclosures (also /@HANDLE/feed.rss)"),
            ("/sitemap.xml", "sitemap index → /sitemap-posts-N.xml, /sitemap-users-N.xml"),
            ("/media/original/NAME", "media as uploaded, metadata intact (Range requests)"),
            ("/media/transcoded/NAME", "media with Exif/XMP/udta/meta stripped"),
            ("/robots.txt", "allows all but /admin/ and /api/internal/"),
        ]
        var text = "vestige sample platform: epoch \(platform.epoch), \(platform.dataSet.rawValue) data "
        text +=
            "(\(summary.users) accounts, \(summary.posts) posts of which \(summary.publicPosts) are public and shown, "
            + "\(summary.mediaFiles) media files)\n"
        text += "serving \(base)/ on loopback only; \(limit)\n\n"
        let width = routes.map(\.0.count).max() ?? 0
        for (path, what) in routes {
            text += "  " + path + String(repeating: " ", count: width - path.count + 2) + what + "\n"
        }
        text += "\nCtrl-C to stop.\n"
        return text
    }
}

/// Waits for the first SIGINT or SIGTERM.
private enum InterruptSignal {
    /// Keeps the signal sources alive and resumes the waiter once; touched only on `queue`.
    private final class Watch: @unchecked Sendable {
        let queue = DispatchQueue(label: "vestige.sample-platform.signals")
        var sources: [any DispatchSourceSignal] = []
        var continuation: CheckedContinuation<Void, Never>?
    }

    static func wait() async {
        let watch = Watch()
        await withCheckedContinuation { continuation in
            watch.queue.async {
                watch.continuation = continuation
                for number in [SIGINT, SIGTERM] {
                    signal(number, SIG_IGN)
                    let source = DispatchSource.makeSignalSource(signal: number, queue: watch.queue)
                    source.setEventHandler {
                        watch.continuation?.resume()
                        watch.continuation = nil
                    }
                    source.resume()
                    watch.sources.append(source)
                }
            }
        }
        watch.queue.sync { watch.sources.forEach { $0.cancel() } }
    }
}
