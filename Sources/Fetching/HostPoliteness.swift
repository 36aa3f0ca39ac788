/// Per-host politeness: at most N requests in flight per host, a minimum delay between request
/// starts (or the site's Crawl-delay when larger), and pauses ordered by Retry-After.
///
/// Call `acquire(_:)` before each request and `release(_:retryAfter:)` after it. Starts to one host
/// are serialized: the first waiter in line sleeps until its start time while later ones queue
/// behind it, so two starts are never closer than the delay, even when requests finish early.
/// The clock is injectable for tests.
public actor HostPoliteness<C: Clock> where C.Duration == Duration {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Bool, Never>
    }

    private struct HostState {
        /// Requests holding a slot: started, or granted and waiting for their start time.
        var active = 0
        /// Whether one granted request is waiting for its start time (starts happen one at a time).
        var starting = false
        var waiters: [Waiter] = []
        var lastStart: C.Instant?
        var pausedUntil: C.Instant?

        var isIdle: Bool { active == 0 && !starting && waiters.isEmpty }
    }

    /// The limits in force.
    public let configuration: PolitenessConfiguration
    private let clock: C
    private var hosts: [HostKey: HostState] = [:]
    private var crawlDelays: [HostKey: Duration] = [:]
    private var nextWaiterID: UInt64 = 0
    private var acquisitionsSinceSweep = 0

    /// Politeness with these limits, timed by `clock`.
    public init(configuration: PolitenessConfiguration = PolitenessConfiguration(), clock: C) {
        self.configuration = configuration
        self.clock = clock
    }

    /// Waits until a request to `host` may start, and takes one of its slots (give it back with `release`).
    /// Throws `CancellationError` when the task is cancelled while waiting; no slot is held then.
    public func acquire(_ host: HostKey) async throws(CancellationError) {
        if Task.isCancelled { throw CancellationError() }
        sweepIfDue()
        var state = hosts[host] ?? HostState()
        if state.waiters.isEmpty && !state.starting && state.active < maxConcurrent {
            state.active += 1
            state.starting = true
            hosts[host] = state
        } else {
            nextWaiterID += 1
            let id = nextWaiterID
            let granted = await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    enqueue(Waiter(id: id, continuation: continuation), for: host)
                }
            } onCancel: {
                Task { await self.cancelWaiter(id, for: host) }
            }
            guard granted else { throw CancellationError() }
        }
        // This request holds a slot and the start turn: wait for the delay and any pause to pass.
        do {
            while let earliest = earliestStart(for: host), clock.now < earliest {
                try await clock.sleep(until: earliest, tolerance: nil)
            }
        } catch {
            finishStarting(host, started: false)
            throw CancellationError()
        }
        finishStarting(host, started: true)
    }

    /// Gives back the slot taken by `acquire`. A `retryAfter` (from a 429 or 503) pauses the host
    /// for that long, capped at `maximumRetryAfter`.
    public func release(_ host: HostKey, retryAfter: Duration? = nil) {
        guard var state = hosts[host] else { return }
        state.active = max(0, state.active - 1)
        hosts[host] = state
        if let retryAfter { pause(host, for: retryAfter) }
        grantNext(host)
    }

    /// Lets no request to `host` start for `duration` from now (capped at `maximumRetryAfter`);
    /// an existing longer pause stays.
    public func pause(_ host: HostKey, for duration: Duration) {
        guard duration > .zero else { return }
        let until = clock.now.advanced(by: min(duration, configuration.maximumRetryAfter))
        var state = hosts[host] ?? HostState()
        if let current = state.pausedUntil, current >= until { return }
        state.pausedUntil = until
        hosts[host] = state
    }

    /// Sets the site's Crawl-delay (from robots.txt); used when longer than `minimumDelay`,
    /// capped at `maximumCrawlDelay`. Nil removes it.
    public func setCrawlDelay(_ delay: Duration?, for host: HostKey) {
        crawlDelays[host] = delay.map { min(max(.zero, $0), configuration.maximumCrawlDelay) }
    }

    /// The delay between request starts to `host`.
    public func delay(for host: HostKey) -> Duration {
        max(configuration.minimumDelay, crawlDelays[host] ?? .zero)
    }

    /// The earliest time a new request to `host` could start, ignoring the concurrency limit.
    public func nextAllowedStart(for host: HostKey) -> C.Instant {
        let now = clock.now
        guard let earliest = earliestStart(for: host) else { return now }
        return max(now, earliest)
    }

    /// Requests to `host` holding a slot (started, or about to start).
    public func activeRequests(for host: HostKey) -> Int {
        hosts[host]?.active ?? 0
    }

    private var maxConcurrent: Int { max(1, configuration.maxConcurrentRequestsPerHost) }

    private func earliestStart(for host: HostKey) -> C.Instant? {
        guard let state = hosts[host] else { return nil }
        let afterDelay = state.lastStart.map { $0.advanced(by: delay(for: host)) }
        switch (afterDelay, state.pausedUntil) {
        case (nil, nil): return nil
        case (let delayEnd?, nil): return delayEnd
        case (nil, let pauseEnd?): return pauseEnd
        case (let delayEnd?, let pauseEnd?): return max(delayEnd, pauseEnd)
        }
    }

    private func enqueue(_ waiter: Waiter, for host: HostKey) {
        hosts[host, default: HostState()].waiters.append(waiter)
        grantNext(host)
    }

    private func cancelWaiter(_ id: UInt64, for host: HostKey) {
        guard var state = hosts[host], let index = state.waiters.firstIndex(where: { $0.id == id }) else { return }
        let waiter = state.waiters.remove(at: index)
        hosts[host] = state
        waiter.continuation.resume(returning: false)
    }

    private func finishStarting(_ host: HostKey, started: Bool) {
        guard var state = hosts[host] else { return }
        state.starting = false
        if started {
            state.lastStart = clock.now
        } else {
            state.active = max(0, state.active - 1)
        }
        hosts[host] = state
        grantNext(host)
    }

    /// Hands the start turn and a slot to the first waiter, when both are free.
    private func grantNext(_ host: HostKey) {
        guard var state = hosts[host], !state.starting, state.active < maxConcurrent, !state.waiters.isEmpty else {
            return
        }
        let waiter = state.waiters.removeFirst()
        state.active += 1
        state.starting = true
        hosts[host] = state
        waiter.continuation.resume(returning: true)
    }

    /// Forgets hosts that are idle and whose delay and pause have passed, now and then.
    private func sweepIfDue() {
        acquisitionsSinceSweep += 1
        guard acquisitionsSinceSweep >= 1024 else { return }
        acquisitionsSinceSweep = 0
        let now = clock.now
        hosts = hosts.filter { host, state in
            guard state.isIdle else { return true }
            if let pause = state.pausedUntil, pause > now { return true }
            if let last = state.lastStart, last.advanced(by: delay(for: host)) > now { return true }
            return false
        }
    }
}

extension HostPoliteness where C == ContinuousClock {
    /// Politeness with these limits on the system's monotonic clock.
    public init(configuration: PolitenessConfiguration = PolitenessConfiguration()) {
        self.init(configuration: configuration, clock: ContinuousClock())
    }
}
