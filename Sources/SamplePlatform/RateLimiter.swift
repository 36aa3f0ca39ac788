import Synchronization

/// Allows each client at most `limit` requests in any one-second window; the platform answers
/// the rest with 429 and `Retry-After: 1`, as real platforms do to scrapers in a hurry.
final class RateLimiter: Sendable {
    let limit: Int
    private let window = Duration.seconds(1)
    /// Per client, the instants of the requests allowed within the last window (oldest first).
    private let allowed = Mutex<[String: [ContinuousClock.Instant]]>([:])

    init(requestsPerSecond: Int) {
        self.limit = max(1, requestsPerSecond)
    }

    /// Records a request from `client`; false when it is over the limit.
    func admit(_ client: String, now: ContinuousClock.Instant = .now) -> Bool {
        allowed.withLock { table in
            var recent = table[client, default: []]
            let cutoff = now - window
            if let firstKept = recent.firstIndex(where: { $0 > cutoff }) {
                recent.removeFirst(firstKept)
            } else {
                recent.removeAll()
            }
            guard recent.count < limit else {
                table[client] = recent
                return false
            }
            recent.append(now)
            table[client] = recent
            return true
        }
    }
}
