import Synchronization

/// What the running server shares between requests: the data, the current epoch, the base URL,
/// the rate limiter and the log of answered requests.
final class PlatformState: Sendable {
    /// The log keeps the most recent requests only, so a long-running server stays small.
    static let logCapacity = 200_000

    let catalog: PlatformCatalog
    let rateLimiter: RateLimiter?
    private let epochValue: Mutex<Int>
    private let baseValue: Mutex<String>
    private let served = Mutex<[ServedRequest]>([])

    init(catalog: PlatformCatalog, epoch: Int, rateLimiter: RateLimiter?) {
        self.catalog = catalog
        self.rateLimiter = rateLimiter
        self.epochValue = Mutex(epoch)
        self.baseValue = Mutex("http://127.0.0.1")
    }

    var epoch: Int {
        get { epochValue.withLock { $0 } }
        set { epochValue.withLock { $0 = newValue } }
    }

    var base: String {
        get { baseValue.withLock { $0 } }
        set { baseValue.withLock { $0 = newValue } }
    }

    /// Answers one request: rate limit first, then the site as of the current epoch.
    func respond(to request: PlatformRequest, client: String) -> PlatformResponse {
        var response: PlatformResponse
        if let rateLimiter, !rateLimiter.admit(client) {
            response = .text(
                "Too many requests: at most \(rateLimiter.limit) per second, please slow down.\n", status: 429)
            response.headers.append(("Retry-After", "1"))
        } else {
            response = PlatformSite(catalog: catalog, epoch: epoch, base: base).respond(to: request)
        }
        record(ServedRequest(method: request.method, target: request.target, status: response.status))
        return response
    }

    func record(_ request: ServedRequest) {
        served.withLock { log in
            if log.count >= Self.logCapacity { log.removeFirst(log.count / 2) }
            log.append(request)
        }
    }

    var servedRequests: [ServedRequest] { served.withLock { $0 } }

    func clearServedRequests() { served.withLock { $0.removeAll() } }
}
