/// When to try a failed fetch again and how long to wait: exponential backoff with jitter,
/// stretched to a server's Retry-After.
public struct RetryPolicy: Sendable {
    /// Attempts in total, the first included.
    public var maxAttempts = 4
    /// The wait after the first failed attempt, before jitter.
    public var baseDelay: Duration = .seconds(1)
    /// Each further attempt waits this many times longer.
    public var multiplier: Double = 2
    /// The backoff never exceeds this (before Retry-After is applied).
    public var maxDelay: Duration = .seconds(300)
    /// The randomized fraction of each wait: 0 = none, 0.5 = between half and all of it, 1 = anywhere up to it.
    public var jitter: Double = 0.5
    /// Status codes worth retrying.
    public var retryableStatuses: Set<Int> = [408, 425, 429, 500, 502, 503, 504]
    /// Failures worth retrying.
    public var retryableErrors: Set<FetchError.Kind> = [.dnsFailure, .connectFailure, .timeout, .connectionLost]
    /// Retry-After values are honoured up to this.
    public var maxRetryAfter: Duration = .seconds(3600)

    /// The defaults: 4 attempts, 1 s · 2ⁿ backoff up to 5 min with 50 % jitter.
    public init() {}

    /// Whether a response with this status should be fetched again.
    public func shouldRetry(status: Int) -> Bool { retryableStatuses.contains(status) }

    /// Whether a fetch that failed this way should be tried again.
    public func shouldRetry(_ error: FetchError) -> Bool { retryableErrors.contains(error.kind) }

    /// The backoff after attempt number `attempt` (1 for the first) failed.
    public func backoff(afterAttempt attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let exponent = Double(max(0, attempt - 1))
        let base = seconds(baseDelay) * pow(max(1, multiplier), exponent)
        let capped = min(base.isFinite ? base : .infinity, seconds(maxDelay))
        let spread = min(1, max(0, jitter))
        let jittered = capped * (1 - spread) + capped * spread * Double.random(in: 0...1, using: &generator)
        return .milliseconds(Int64(jittered * 1000))
    }

    /// The backoff after attempt number `attempt` failed, with the system's random numbers.
    public func backoff(afterAttempt attempt: Int) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return backoff(afterAttempt: attempt, using: &generator)
    }

    /// How long to wait before the next attempt, or nil to give up: attempts used up, or a status /
    /// failure that is not worth retrying. A Retry-After (capped) lengthens the wait, never shortens it.
    public func delay(
        afterAttempt attempt: Int, status: Int? = nil, error: FetchError? = nil, retryAfter: Duration? = nil,
        using generator: inout some RandomNumberGenerator
    ) -> Duration? {
        guard attempt < maxAttempts else { return nil }
        if let status, !shouldRetry(status: status) { return nil }
        if let error, !shouldRetry(error) { return nil }
        let wait = backoff(afterAttempt: attempt, using: &generator)
        guard let retryAfter else { return wait }
        return max(wait, min(retryAfter, maxRetryAfter))
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private func pow(_ base: Double, _ exponent: Double) -> Double {
        var result = 1.0
        var remaining = Int(min(exponent, 1024))
        while remaining > 0 && result.isFinite {
            result *= base
            remaining -= 1
        }
        return result
    }
}
