import Fetching
import FuzzFindings
import TestHTTPServer
import Testing

/// Per-host politeness (`HostPoliteness`), Retry-After and HTTP dates, backoff (`RetryPolicy`), host keys.
@Suite("Politeness") struct PolitenessTests {
    static let host = HostKey(scheme: "https", host: "example.org")

    static func configuration(concurrent: Int = 2, delay: Duration = .seconds(1)) -> PolitenessConfiguration {
        var configuration = PolitenessConfiguration()
        configuration.maxConcurrentRequestsPerHost = concurrent
        configuration.minimumDelay = delay
        return configuration
    }

    @Test func sequentialStartsAreSpacedByTheDelay() async throws {
        let clock = VirtualClock()
        let politeness = HostPoliteness(configuration: Self.configuration(), clock: clock)
        var starts: [Duration] = []
        for _ in 0..<3 {
            try await politeness.acquire(Self.host)
            starts.append(clock.now.offset)
            await politeness.release(Self.host)
        }
        #expect(starts == [.zero, .seconds(1), .seconds(2)])
    }

    @Test func concurrentRequestsNeverStartCloserThanTheDelay() async throws {
        let clock = VirtualClock()
        let politeness = HostPoliteness(configuration: Self.configuration(concurrent: 2), clock: clock)
        let log = Locked<(starts: [Duration], active: Int, maxActive: Int)>(([], 0, 0))

        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<12 {
                group.addTask {
                    try await politeness.acquire(Self.host)
                    log.withLock { log in
                        log.starts.append(clock.now.offset)
                        log.active += 1
                        log.maxActive = max(log.maxActive, log.active)
                    }
                    // A "request" that takes 2.5 virtual seconds.
                    try await clock.sleep(until: clock.now.advanced(by: .milliseconds(2500)), tolerance: nil)
                    log.withLock { $0.active -= 1 }
                    await politeness.release(Self.host)
                }
            }
            try await group.waitForAll()
        }

        let (starts, _, maxActive) = log.value
        #expect(starts.count == 12)
        #expect(maxActive <= 2)
        let sorted = starts.sorted()
        for (earlier, later) in zip(sorted, sorted.dropFirst()) {
            #expect(later - earlier >= .seconds(1), "starts \(earlier) and \(later) are too close")
        }
    }

    @Test func hostsAreIndependent() async throws {
        let clock = VirtualClock()
        let politeness = HostPoliteness(configuration: Self.configuration(delay: .seconds(10)), clock: clock)
        let other = HostKey(scheme: "https", host: "example.net")
        try await politeness.acquire(Self.host)
        try await politeness.acquire(other)
        #expect(clock.now.offset == .zero)
        await politeness.release(Self.host)
        await politeness.release(other)
        #expect(await politeness.nextAllowedStart(for: Self.host).offset == .seconds(10))
        #expect(await politeness.nextAllowedStart(for: HostKey(scheme: "http", host: "example.org")).offset == .zero)
    }

    @Test func crawlDelayWinsWhenLonger() async throws {
        let clock = VirtualClock()
        var configuration = Self.configuration()
        configuration.maximumCrawlDelay = .seconds(30)
        let politeness = HostPoliteness(configuration: configuration, clock: clock)

        await politeness.setCrawlDelay(.seconds(5), for: Self.host)
        #expect(await politeness.delay(for: Self.host) == .seconds(5))
        try await politeness.acquire(Self.host)
        await politeness.release(Self.host)
        try await politeness.acquire(Self.host)
        #expect(clock.now.offset == .seconds(5))
        await politeness.release(Self.host)

        await politeness.setCrawlDelay(.milliseconds(200), for: Self.host)
        #expect(await politeness.delay(for: Self.host) == .seconds(1))
        await politeness.setCrawlDelay(.seconds(86_400), for: Self.host)
        #expect(await politeness.delay(for: Self.host) == .seconds(30))
    }

    @Test func retryAfterPausesTheHost() async throws {
        let clock = VirtualClock()
        let politeness = HostPoliteness(configuration: Self.configuration(), clock: clock)
        try await politeness.acquire(Self.host)
        await politeness.release(Self.host, retryAfter: .seconds(30))
        #expect(await politeness.nextAllowedStart(for: Self.host).offset == .seconds(30))
        try await politeness.acquire(Self.host)
        #expect(clock.now.offset == .seconds(30))
        await politeness.release(Self.host)

        // A huge Retry-After is capped (1 h by default); a shorter one does not shorten a pause.
        let before = clock.now.offset
        try await politeness.acquire(Self.host)
        await politeness.release(Self.host, retryAfter: .seconds(10 * 3600))
        await politeness.pause(Self.host, for: .seconds(5))
        #expect(await politeness.nextAllowedStart(for: Self.host).offset == before + .seconds(3600 + 1))
    }

    @Test func concurrencyLimitHoldsBackTheThirdRequest() async throws {
        let clock = VirtualClock()
        let politeness = HostPoliteness(configuration: Self.configuration(concurrent: 2, delay: .zero), clock: clock)
        try await politeness.acquire(Self.host)
        try await politeness.acquire(Self.host)
        #expect(await politeness.activeRequests(for: Self.host) == 2)

        let third = Task { try await politeness.acquire(Self.host) }
        try await Task.sleep(for: .milliseconds(50))
        #expect(await politeness.activeRequests(for: Self.host) == 2)

        await politeness.release(Self.host)
        try await third.value
        #expect(await politeness.activeRequests(for: Self.host) == 2)
    }

    @Test func cancelledWaiterGivesUpWithoutASlot() async throws {
        let clock = VirtualClock()
        let politeness = HostPoliteness(configuration: Self.configuration(concurrent: 1, delay: .zero), clock: clock)
        try await politeness.acquire(Self.host)

        let waiting = Task { try await politeness.acquire(Self.host) }
        try await Task.sleep(for: .milliseconds(20))
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }

        await politeness.release(Self.host)
        #expect(await politeness.activeRequests(for: Self.host) == 0)
        try await politeness.acquire(Self.host)
        #expect(await politeness.activeRequests(for: Self.host) == 1)
    }

    /// Real time against the loopback server: three requests to one host with a 0.2 s delay.
    @Test func realRequestsToOneHostAreSpaced() async throws {
        let server = TestHTTPServer()
        server.route("/p", reply: .text("polite"))
        try server.start()
        defer { server.stop() }
        let client = CurlClient(configuration: FetchConfiguration(userAgent: "vestige-test/1.0"))
        defer { client.shutdown() }
        let delay = Duration.milliseconds(200)
        let politeness = HostPoliteness(configuration: Self.configuration(concurrent: 2, delay: delay))
        let host = try #require(HostKey(url: server.url("/p")))
        let starts = Locked<[ContinuousClock.Instant]>([])

        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<3 {
                group.addTask {
                    try await politeness.acquire(host)
                    starts.withLock { $0.append(.now) }
                    let response = try await client.fetch(FetchRequest(url: server.url("/p")))
                    await politeness.release(host)
                    #expect(response.statusCode == 200)
                }
            }
            try await group.waitForAll()
        }

        let clientStarts = starts.value.sorted()
        for (earlier, later) in zip(clientStarts, clientStarts.dropFirst()) {
            #expect(later - earlier >= delay)
        }
        // Arrival at the server adds network latency and scheduling delay, which differ between
        // requests (the first one also connects) and grow on a loaded machine: allow 60 ms of it.
        // The strict check is on the client's starts above.
        let arrivals = server.requests(path: "/p").map(\.arrival).sorted()
        #expect(arrivals.count == 3)
        for (earlier, later) in zip(arrivals, arrivals.dropFirst()) {
            #expect(later - earlier >= delay - .milliseconds(60))
        }
    }

    @Test func retryAfterValues() {
        let now = 784_111_777.0  // Sun, 06 Nov 1994 08:49:37 GMT
        #expect(RetryAfter.seconds("120", now: now) == 120)
        #expect(RetryAfter.seconds(" 0 ", now: now) == 0)
        #expect(RetryAfter.seconds("Sun, 06 Nov 1994 08:51:37 GMT", now: now) == 120)
        #expect(RetryAfter.seconds("Sunday, 06-Nov-94 08:50:37 GMT", now: now) == 60)
        #expect(RetryAfter.seconds("Sun Nov  6 08:49:47 1994", now: now) == 10)
        #expect(RetryAfter.seconds("Sat, 05 Nov 1994 08:49:37 GMT", now: now) == 0)
        #expect(RetryAfter.delay("2", now: now) == .seconds(2))
        for junk in ["", "soon", "-5", "1.5", "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT"] {
            #expect(RetryAfter.seconds(junk, now: now) == nil, "\(junk)")
        }
        #expect(RetryAfter.seconds(String(repeating: "9", count: 40), now: now) == 1e12)
    }

    @Test func httpDates() {
        #expect(HTTPDate.secondsSince1970("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDate.secondsSince1970("Thu, 01 Jan 1970 00:00:00 GMT") == 0)
        #expect(HTTPDate.secondsSince1970("Tue, 29 Feb 2000 12:00:00 GMT") == 951_825_600)
        #expect(HTTPDate.secondsSince1970("Wed, 31 Dec 2025 23:59:59 GMT") == 1_767_225_599)
        #expect(HTTPDate.secondsSince1970("Sun, 06 Nov 1994 08:49:37 PST") == nil)
    }

    @Test func backoffGrowsWithJitterAndACap() {
        var policy = RetryPolicy()
        policy.baseDelay = .seconds(1)
        policy.multiplier = 2
        policy.maxDelay = .seconds(10)
        policy.jitter = 0
        var generator = SplitMix64(seed: 1)
        let plain = (1...6).map { policy.backoff(afterAttempt: $0, using: &generator) }
        #expect(plain == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(10), .seconds(10)])

        policy.jitter = 0.5
        for attempt in 1...5 {
            let full = plain[attempt - 1]
            for _ in 0..<50 {
                let wait = policy.backoff(afterAttempt: attempt, using: &generator)
                #expect(wait >= full / 2 && wait <= full)
            }
        }
        #expect(policy.backoff(afterAttempt: 10_000) <= .seconds(10))
    }

    @Test func retryDecisions() {
        var policy = RetryPolicy()
        policy.maxAttempts = 3
        policy.jitter = 0
        var generator = SplitMix64(seed: 2)
        #expect(policy.delay(afterAttempt: 1, status: 503, using: &generator) == .seconds(1))
        #expect(policy.delay(afterAttempt: 2, status: 429, retryAfter: .seconds(30), using: &generator) == .seconds(30))
        #expect(
            policy.delay(afterAttempt: 1, status: 429, retryAfter: .seconds(86_400), using: &generator)
                == .seconds(3600))
        #expect(policy.delay(afterAttempt: 3, status: 503, using: &generator) == nil)
        #expect(policy.delay(afterAttempt: 1, status: 404, using: &generator) == nil)
        #expect(policy.delay(afterAttempt: 1, error: .timeout(url: "u", message: "m"), using: &generator) != nil)
        #expect(policy.delay(afterAttempt: 1, error: .tlsFailure(url: "u", message: "m"), using: &generator) == nil)
        #expect(policy.shouldRetry(.connectFailure(url: "u", message: "refused")))
        #expect(!policy.shouldRetry(.invalidRequest(url: "u", message: "bad")))
    }

    @Test func hostKeys() {
        #expect(HostKey(url: "https://Example.ORG/path?q")?.description == "https://example.org:443")
        #expect(HostKey(url: "http://user:pw@example.org:8080")?.description == "http://example.org:8080")
        #expect(HostKey(url: "http://[::1]:8080/x")?.host == "[::1]")
        #expect(HostKey(url: "http://[::1]/x")?.port == 80)
        #expect(HostKey(url: "HTTP://example.org") == HostKey(scheme: "http", host: "example.org", port: 80))
        #expect(HostKey(url: "http://example.org:80/") == HostKey(url: "http://example.org/"))
        for bad in ["example.org/path", "http://", "http://:80/", "http://host:99999/", "http://host:8o/", "://x"] {
            #expect(HostKey(url: bad) == nil, "\(bad)")
        }
    }
}
