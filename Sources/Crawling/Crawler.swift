public import ArchiveIndex
public import Fetching
import PlatformAdapters
import WARC

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Archives a site: takes URLs from the frontier, fetches them politely, writes every exchange
/// to WARC through one `CaptureRecorder`, and adds the links it finds in scope.
///
/// A run resumes whatever an earlier run left: URLs in flight when it was killed are fetched
/// again unless the WARC shows they were archived (see `ArchiveRecovery`).
public actor Crawler {
    let configuration: CrawlConfiguration
    let layout: ArchiveLayout
    let database: ArchiveDatabase
    let frontier: Frontier
    let client: CurlClient
    let recorder: CaptureRecorder
    let onEvent: @Sendable (CrawlEvent) -> Void
    let politeness: HostPoliteness<ContinuousClock>
    let retryPolicy: RetryPolicy
    /// Requests claimed per origin and not finished: the loop claims no more for an origin at its limit.
    private var runningPerOrigin: [String: Int] = [:]
    private var robots: [String: Task<RobotsRules, Never>] = [:]
    /// Origins whose unreachable robots.txt is due to be fetched again.
    private var robotsRetryScheduled: Set<String> = []
    private var urlsPerOrigin: [String: Int] = [:]
    /// URLs this run put in the frontier (or found there), so that the links every page repeats
    /// (navigation, footers) skip the scope checks and the database. Emptied when it reaches
    /// `inFrontierLimit` (~10 MB): it only saves work, the frontier's UNIQUE url decides.
    private var inFrontier = Set<String>()
    private static let inFrontierLimit = 100_000
    private var statistics = CrawlStatistics()
    private var stopRequested = false
    /// What reconciling an interrupted earlier run found.
    let recovery: ArchiveRecovery.Result
    private let started = ContinuousClock.now

    /// Prepares a crawl into `layout` (creating the folder, database and a new WARC file).
    public init(
        configuration: CrawlConfiguration, layout: ArchiveLayout, software: String,
        onEvent: @escaping @Sendable (CrawlEvent) -> Void = { _ in }
    ) throws {
        self.configuration = configuration
        self.layout = layout
        try POSIXDirectory.make(layout.directory)
        database = try ArchiveDatabase(path: layout.databasePath)
        frontier = Frontier(database: database)
        // Before this run opens its own WARC file: reconcile what a killed run left behind.
        recovery = try ArchiveRecovery.recover(layout: layout, database: database)
        var fetch = FetchConfiguration(userAgent: configuration.userAgent)
        fetch.maxBodyBytes = configuration.maxBodyBytes
        fetch.connectTimeout = .milliseconds(Int(configuration.connectTimeout * 1000))
        fetch.totalTimeout = .milliseconds(Int(configuration.totalTimeout * 1000))
        fetch.lowSpeedLimit = configuration.lowSpeedLimit
        fetch.lowSpeedTime = .milliseconds(Int(configuration.lowSpeedTime * 1000))
        fetch.caFile = configuration.caFile
        fetch.maxConcurrentTransfers = max(configuration.concurrency, 1)
        client = CurlClient(configuration: fetch)
        var info = WARCInfoFields(software: software)
        info.operatorContact = configuration.operatorContact
        info.userAgent = configuration.userAgent
        info.robots = configuration.ignoreRobots ? "ignore" : "obey"
        recorder = try CaptureRecorder(
            layout: layout, database: database, info: info, maxFileSize: configuration.maxWARCFileSize)
        var polite = PolitenessConfiguration()
        polite.maxConcurrentRequestsPerHost = configuration.perHostConcurrency
        polite.minimumDelay = .milliseconds(Int(configuration.perHostDelay * 1000))
        polite.maximumRetryAfter = .milliseconds(Int(configuration.maxRetryAfter * 1000))
        politeness = HostPoliteness(configuration: polite)
        var retry = RetryPolicy()
        retry.maxAttempts = configuration.maxAttempts
        retry.maxRetryAfter = polite.maximumRetryAfter
        retryPolicy = retry
        self.onEvent = onEvent
    }

    /// Asks the run to stop claiming URLs; fetches under way finish and are archived.
    public func requestStop() { stopRequested = true }

    /// The counters so far.
    public func currentStatistics() -> CrawlStatistics {
        var copy = statistics
        copy.elapsed = Self.seconds(ContinuousClock.now - started)
        return copy
    }

    /// Crawls until the frontier is done, `maxPages` is reached or a stop was requested.
    /// Returns the run's counters; the frontier's counts say what is left.
    public func run() async throws -> CrawlStatistics {
        if recovery.requeued > 0 || recovery.recoveredCaptures > 0 || recovery.truncatedRecords > 0 {
            onEvent(CrawlEvent(kind: .recovered, url: "", reason: recovery.summary))
        }
        let seeds = configuration.seeds.filter { configuration.scope.exclusion(of: $0, depth: 0) == nil }
        statistics.discovered += try frontier.add(seeds, depth: 0, priority: 10)
        if !configuration.ignoreRobots {
            for origin in Set(seeds.map(\.origin)) { _ = await robotsRules(for: origin) }
        }
        await withTaskGroup(of: Completion.self) { group in
            // `running`: fetches under way (what --concurrency limits); `archiving`: fetched pages
            // whose links and records are being made. A page's fetch slot is free as soon as its
            // response is in, so the next request goes out while the page is parsed and written;
            // when archiving falls behind by a full set, no more is claimed until it catches up.
            var running = 0
            var archiving = 0
            var tickPending = false
            func finished(_ completion: Completion) {
                switch completion {
                case .fetched(let page):
                    running -= 1
                    guard let page else { return }
                    archiving += 1
                    // Below the fetches' priority: the loop that claims and starts requests runs
                    // first when both wait for one of the few threads.
                    group.addTask(priority: .low) {
                        await self.archive(page)
                        return .archived
                    }
                case .archived: archiving -= 1
                case .tick: tickPending = false
                }
            }
            while !stopRequested && (pagesLeft(underWay: running + archiving) ?? 1) > 0 {
                var claimed: [FrontierEntry] = []
                if running < configuration.concurrency && archiving < configuration.concurrency {
                    do {
                        claimed = try frontier.claim(
                            limit: min(
                                configuration.concurrency - running, pagesLeft(underWay: running + archiving) ?? .max),
                            perOrigin: configuration.perHostConcurrency, busyOrigins: busyOrigins())
                    } catch {
                        onEvent(CrawlEvent(kind: .failed, url: "", reason: "frontier: \(error)"))
                        break
                    }
                }
                for entry in claimed {
                    runningPerOrigin[entry.origin, default: 0] += 1
                    running += 1
                    group.addTask {
                        .fetched(await self.process(entry))
                    }
                }
                if !claimed.isEmpty && running < configuration.concurrency { continue }
                if running == 0 && archiving == 0 {
                    // Nothing running and nothing claimable: wait for a host or a retry, or finish.
                    let retryWait = (try? frontier.nextRetryDate())?.map { max(0, $0.timeIntervalSinceNow) }
                    let queued = (try? frontier.counts()[.queued]) ?? 0
                    guard let wait = [retryWait, queued > 0 ? 0.05 : nil].compactMap({ $0 }).min() else { break }
                    // Only cancellation ends the wait early, and the loop checks again anyway.
                    try? await Task.sleep(for: .milliseconds(Int(min(wait, 5) * 1000) + 1))
                    continue
                }
                // Wake on a completion, or now and then to claim retries that came due.
                if !tickPending {
                    tickPending = true
                    group.addTask {
                        // Cancelled when the crawl ends: the tick is then not needed.
                        try? await Task.sleep(for: .milliseconds(200))
                        return .tick
                    }
                }
                if let completion = await group.next() { finished(completion) }
            }
            // Done: only the tick can be left; cancelled, it ends now instead of up to 200 ms later.
            if running == 0 && archiving == 0 { group.cancelAll() }
            // Stopping: what was fetched is still archived.
            while let completion = await group.next() { finished(completion) }
        }
        try await recorder.close()
        // Everything is committed in the WAL already; the checkpoint only folds it into the main file.
        try? database.checkpoint()
        client.shutdown()
        return currentStatistics()
    }

    /// What a child task of the crawl loop reports.
    enum Completion: Sendable {
        /// A fetch ended; with the page when it is to be archived now.
        case fetched(FetchedPage?)
        /// A fetched page is archived.
        case archived
        case tick
    }

    /// A response whose links and records are still to be made.
    struct FetchedPage: Sendable {
        let entry: FrontierEntry
        let url: CrawlURL
        let response: FetchResponse
    }

    /// Origins with as many requests under way as politeness allows.
    private func busyOrigins() -> Set<String> {
        Set(runningPerOrigin.filter { $0.value >= configuration.perHostConcurrency }.keys)
    }

    /// Pages --max-pages still allows besides those archived and `underWay`; nil without a limit.
    private func pagesLeft(underWay: Int) -> Int? {
        configuration.maxPages.map { $0 - statistics.archived - underWay }
    }

    // MARK: - One URL

    /// Fetches one claimed URL (after robots.txt and politeness allow it). Returns the response
    /// when it is to be archived; nil when the URL is settled otherwise (excluded, failed, retry
    /// scheduled, or header-only ranges archived already).
    func process(_ entry: FrontierEntry) async -> FetchedPage? {
        defer { runningPerOrigin[entry.origin, default: 1] -= 1 }
        guard let url = CrawlURL(entry.url) else {
            markFailed(entry, reason: "unparseable URL")
            return nil
        }
        if !configuration.ignoreRobots {
            let rules = await robotsRules(for: url.origin)
            if rules.retryLater {
                // robots.txt was unreachable (5xx, 429, no answer): RFC 9309 says assume complete
                // disallow for now. Not an exclusion: ask for robots.txt again later, then the URL.
                if robots[url.origin] != nil, robotsRetryScheduled.insert(url.origin).inserted {
                    Task {
                        // Cancellation only shortens the wait before robots.txt is asked again.
                        try? await Task.sleep(for: .seconds(configuration.robotsRetryDelay))
                        self.forgetRobots(of: url.origin)
                    }
                }
                if entry.attempts >= configuration.maxAttempts {
                    markFailed(entry, reason: "robots.txt unreachable: \(entry.attempts) attempts")
                } else {
                    scheduleRetry(entry, after: configuration.robotsRetryDelay, reason: "robots.txt unreachable")
                }
                return nil
            }
            if !rules.allows(url.pathAndQuery) {
                do {
                    try frontier.mark(entry.id, .excluded, reason: "robots.txt")
                } catch {
                    frontierWriteFailed("mark \(entry.url) excluded by robots.txt", url: entry.url, error: error)
                    return nil
                }
                statistics.robotsExcluded += 1
                onEvent(CrawlEvent(kind: .excluded, url: entry.url, reason: "robots.txt"))
                return nil
            }
        }
        guard let host = HostKey(url: url.string) else { return nil }
        do {
            try await politeness.acquire(host)
        } catch {
            do {
                try frontier.mark(entry.id, .queued)
            } catch {
                frontierWriteFailed("queue \(entry.url) again", url: entry.url, error: error)
            }
            return nil
        }
        let rangeKind = configuration.mediaMode == .headers ? MediaRangePlan.kind(forPath: url.path) : nil
        var request = FetchRequest(url: url.string, maxBodyBytes: configuration.maxBodyBytes)
        if rangeKind != nil { request.headers = ["Range": "bytes=0-\(MediaRangePlan.chunk - 1)"] }
        let response: FetchResponse
        do {
            response = try await client.fetch(request)
        } catch {
            await politeness.release(host)
            handleFailure(entry, error: error)
            return nil
        }
        let retryAfter = response.headers["Retry-After"].flatMap {
            RetryAfter.delay($0, now: Date().timeIntervalSince1970)
        }
        let overloaded = response.statusCode == 429 || response.statusCode == 503
        await politeness.release(host, retryAfter: overloaded ? retryAfter : nil)
        if retryPolicy.shouldRetry(status: response.statusCode) {
            var generator = SystemRandomNumberGenerator()
            if let wait = retryPolicy.delay(
                afterAttempt: entry.attempts, status: response.statusCode, retryAfter: retryAfter, using: &generator)
            {
                scheduleRetry(entry, after: Self.seconds(wait), reason: "HTTP \(response.statusCode)")
                return nil
            }
        }
        if let truncation = response.truncation, truncation.isInterruption {
            // The connection broke or stalled mid-body: try again; keep the partial body only
            // when the attempts run out (marked WARC-Truncated).
            var generator = SystemRandomNumberGenerator()
            if let wait = retryPolicy.delay(
                afterAttempt: entry.attempts, error: .connectionLost(url: url.string, message: "\(truncation)"),
                using: &generator)
            {
                scheduleRetry(entry, after: Self.seconds(wait), reason: "truncated (\(truncation.warcValue))")
                return nil
            }
        }
        if let rangeKind, response.statusCode == 206, let range = HTTPContentRange(response.headers["Content-Range"]) {
            await recordRanges(
                first: response, range: range, plan: MediaRangePlan(kind: rangeKind, size: range.total),
                entry: entry, host: host)
            return nil
        }
        return FetchedPage(entry: entry, url: url, response: response)
    }

    /// Finds a fetched page's links (queued in the frontier) and archives it with them.
    func archive(_ page: FetchedPage) async {
        let (entry, url, response) = (page.entry, page.url, page.response)
        let (outlinks, additions) = await discoverLinks(in: response, from: url, entry: entry)
        do {
            let capture = try await recorder.record(
                response, frontierID: entry.id, outlinks: outlinks.map(\.string), links: additions)
            noteAdded(additions?.urls ?? [], added: capture.addedLinks)
            statistics.archived += 1
            statistics.bytes += Int64(response.rawHead.count + response.body.count)
            if capture.recordType == "revisit" { statistics.revisits += 1 }
            onEvent(
                CrawlEvent(
                    kind: capture.recordType == "revisit" ? .revisit : .archived, url: entry.url,
                    status: response.statusCode, reason: response.truncation?.warcValue,
                    warcFile: capture.location.filename, warcOffset: capture.location.offset))
        } catch {
            // The WARC could not be written (disk full…): leave the URL for the next run.
            onEvent(CrawlEvent(kind: .failed, url: entry.url, reason: "could not archive: \(error)"))
            // The failure is reported; if this write fails too, the URL stays in flight and the
            // next run's recovery queues it again.
            try? frontier.requeueIfInFlight(entry.id, reason: "\(error)")
            statistics.archiveFailure = statistics.archiveFailure ?? "\(error)"
            stopRequested = true
        }
    }

    /// Header-only media: archives `first` (a 206 for the file's first bytes), then fetches and
    /// archives the further ranges `plan` asks for, one at a time under the host's politeness.
    /// The URL is done when the plan is; a failed range leaves the file as far as it got.
    private func recordRanges(
        first: FetchResponse, range: HTTPContentRange, plan: MediaRangePlan, entry: FrontierEntry, host: HostKey
    ) async {
        var known = SparseByteView()
        var response = first
        var fetched: Int64 = 0
        for _ in 0..<MediaRangePlan.maxRequests {
            guard response.statusCode == 206 || (200..<300).contains(response.statusCode) else { break }
            let part = HTTPContentRange(response.headers["Content-Range"])
            do {
                _ = try await recorder.record(response, frontierID: entry.id, outlinks: [], finishes: false)
            } catch {
                onEvent(CrawlEvent(kind: .failed, url: entry.url, reason: "could not archive: \(error)"))
                // As in `archive`: a URL this leaves in flight is queued again by the next run.
                try? frontier.requeueIfInFlight(entry.id, reason: "\(error)")
                stopRequested = true
                return
            }
            statistics.bytes += Int64(response.rawHead.count + response.body.count)
            fetched += Int64(response.body.count)
            // A server that answers a range with the whole file ends the plan: all is there.
            guard response.statusCode == 206, let part, part.total == range.total else { break }
            known.add(offset: part.first, bytes: response.body)
            guard case .fetch(let lower, let upper) = plan.next(known: known) else { break }
            guard (try? await politeness.acquire(host)) != nil else { break }
            let request = FetchRequest(
                url: entry.url, headers: ["Range": "bytes=\(lower)-\(upper)"], maxBodyBytes: configuration.maxBodyBytes)
            guard let next = try? await client.fetch(request) else {
                await politeness.release(host)
                break
            }
            await politeness.release(host)
            response = next
        }
        do {
            try frontier.mark(entry.id, .done, reason: "headers only")
        } catch {
            frontierWriteFailed("mark \(entry.url) done", url: entry.url, error: error)
            return
        }
        statistics.archived += 1
        statistics.headerOnlyMedia += 1
        statistics.headerOnlyMediaBytes += Int64(range.total)
        statistics.headerOnlyFetchedBytes += fetched
        onEvent(CrawlEvent(kind: .archived, url: entry.url, status: 206, reason: "headers only"))
    }

    /// Links to follow from a response: the redirect target (queued at once), or the links of an
    /// HTML page, sitemap or feed (all returned for the metadata record; the in-scope ones as the
    /// additions to make to the frontier with the page's capture).
    func discoverLinks(in response: FetchResponse, from url: CrawlURL, entry: FrontierEntry) async
        -> (found: [CrawlURL], additions: FrontierAdditions?)
    {
        if (300...399).contains(response.statusCode),
            let location = response.redirectLocation ?? response.headers["Location"],
            let target = CrawlURL(location, relativeTo: url)
        {
            guard entry.redirects < configuration.maxRedirects else {
                onEvent(CrawlEvent(kind: .failed, url: target.string, reason: "redirect chain too long"))
                return ([target], nil)
            }
            enqueue([target], depth: entry.depth, via: url, redirects: entry.redirects + 1, ignoreDepth: true)
            return ([target], nil)
        }
        guard (200...299).contains(response.statusCode), response.truncation == nil else { return ([], nil) }
        // Parsing runs off the actor and off the cooperative threads, in parallel with fetches.
        let adapters = configuration.adapters
        let found = await BackgroundWork.run { Self.extractLinks(from: response, base: url, adapters: adapters) }
        // What an API adapter finds (next pages, accounts, statuses, media) keeps the response's
        // depth: a listing's 70th page is no farther from the seed than its first. Scope, the
        // per-host URL cap and the trap guards still bound it.
        let isAPI = (response.headers["Content-Type"] ?? "").lowercased().contains("json")
        let depth = isAPI ? entry.depth : entry.depth + 1
        let accepted = admit(found, depth: depth, ignoreDepth: false)
        return (found, accepted.isEmpty ? nil : FrontierAdditions(urls: accepted, depth: depth, via: url.string))
    }

    nonisolated static func extractLinks(from response: FetchResponse, base url: CrawlURL, adapters: AdapterSet)
        -> [CrawlURL]
    {
        let mime = (response.headers["Content-Type"] ?? "").lowercased()
        let payload = ResponseBody.decodedPayload(response)
        var found: [CrawlURL] = []
        if mime.contains("json") {
            // Platform APIs: the adapter knows their pagination (Link headers, next-page fields),
            // the posts' pages and media, and the accounts they mention.
            let input = AdapterInput(
                url: url.string, status: response.statusCode,
                headers: response.headers.fields.map { ($0.name, $0.value) }, payload: payload)
            found = adapters.extract(input).links.compactMap { CrawlURL($0, relativeTo: url) }
        } else if mime.contains("html") || (mime.isEmpty && payload.prefix(512).contains(UInt8(ascii: "<"))) {
            found = LinkExtractor.extract(html: payload, base: url).all
        } else if mime.contains("xml") || mime.contains("rss") || mime.contains("atom") || url.path.hasSuffix(".xml.gz")
        {
            found = FeedLinkExtractor.extract(payload, base: url)
        } else if mime.contains("css") {
            found = LinkExtractor.cssURLs(String(decoding: payload, as: UTF8.self)).compactMap {
                CrawlURL($0, relativeTo: url)
            }
        }
        return found
    }

    private func enqueue(_ urls: [CrawlURL], depth: Int, via: CrawlURL, redirects: Int, ignoreDepth: Bool) {
        let accepted = admit(urls, depth: depth, ignoreDepth: ignoreDepth)
        do {
            let added = try frontier.addReturningNew(accepted, depth: depth, via: via.string, redirects: redirects)
            noteAdded(accepted, added: added)
        } catch {
            frontierWriteFailed("queue \(accepted.count) links found at \(via.string)", url: via.string, error: error)
        }
    }

    /// The URLs of `urls` to put in the frontier: in scope, under the per-host cap, and not put
    /// there by this run already.
    private func admit(_ urls: [CrawlURL], depth: Int, ignoreDepth: Bool) -> [CrawlURL] {
        var accepted: [CrawlURL] = []
        for url in urls where !inFrontier.contains(url.string) {
            if let exclusion = configuration.scope.exclusion(of: url, depth: ignoreDepth ? 0 : depth) {
                if case .trap = exclusion {
                    onEvent(CrawlEvent(kind: .excluded, url: url.string, reason: "\(exclusion)"))
                }
                continue
            }
            // Counting a large frontier is a scan of its index: once per origin and run.
            let count = urlsPerOrigin[url.origin] ?? ((try? frontier.count(origin: url.origin)) ?? 0)
            urlsPerOrigin[url.origin] = count
            guard count < configuration.maxURLsPerHost else { continue }
            accepted.append(url)
        }
        return accepted
    }

    /// Counts what `admit` accepted and the frontier took as new.
    private func noteAdded(_ accepted: [CrawlURL], added: [CrawlURL]) {
        // Only new URLs count towards the per-host cap (a link repeated on every page is one URL).
        for url in added { urlsPerOrigin[url.origin, default: 0] += 1 }
        statistics.discovered += added.count
        if inFrontier.count + accepted.count > Self.inFrontierLimit { inFrontier.removeAll(keepingCapacity: true) }
        for url in accepted { inFrontier.insert(url.string) }
    }

    // MARK: - Failures and retries

    /// A frontier or archive write failed. Going on could lose links or fetch a URL twice, so
    /// the crawl stops as for a WARC write failure (`archiveFailure`); what is committed stays,
    /// and the next run resumes from it (URLs left in flight are queued again).
    private func frontierWriteFailed(_ what: String, url: String, error: any Error) {
        onEvent(CrawlEvent(kind: .failed, url: url, reason: "could not \(what): \(error)"))
        statistics.archiveFailure = statistics.archiveFailure ?? "could not \(what): \(error)"
        stopRequested = true
    }

    func handleFailure(_ entry: FrontierEntry, error: FetchError) {
        var generator = SystemRandomNumberGenerator()
        if let wait = retryPolicy.delay(afterAttempt: entry.attempts, error: error, using: &generator) {
            scheduleRetry(entry, after: Self.seconds(wait), reason: error.kind.rawValue)
        } else {
            markFailed(entry, reason: "\(error.kind.rawValue): \(error.message)")
        }
    }

    func scheduleRetry(_ entry: FrontierEntry, after seconds: Double, reason: String) {
        do {
            try frontier.mark(entry.id, .retry, reason: reason, retryAt: Date().addingTimeInterval(seconds))
        } catch {
            frontierWriteFailed("schedule a retry of \(entry.url)", url: entry.url, error: error)
            return
        }
        statistics.retries += 1
        onEvent(CrawlEvent(kind: .retry, url: entry.url, reason: "\(reason); retry in \(Int(seconds.rounded(.up))) s"))
    }

    func markFailed(_ entry: FrontierEntry, reason: String) {
        do {
            try frontier.mark(entry.id, .failed, reason: reason)
        } catch {
            frontierWriteFailed("mark \(entry.url) failed", url: entry.url, error: error)
            return
        }
        let kind = reason.split(separator: ":").first.map(String.init) ?? reason
        statistics.failures[kind, default: 0] += 1
        onEvent(CrawlEvent(kind: .failed, url: entry.url, reason: reason))
    }

    // MARK: - robots.txt

    /// Drops the cached robots.txt verdict of `origin`, so the next URL there fetches it again.
    private func forgetRobots(of origin: String) {
        robots[origin] = nil
        robotsRetryScheduled.remove(origin)
    }

    /// The robots.txt rules of `origin`, fetched (and archived) once per run.
    func robotsRules(for origin: String) async -> RobotsRules {
        if let task = robots[origin] { return await task.value }
        let task = Task { await self.fetchRobots(origin: origin) }
        robots[origin] = task
        return await task.value
    }

    private func fetchRobots(origin: String) async -> RobotsRules {
        let url = origin + "/robots.txt"
        let response: FetchResponse
        // robots.txt counts against the host's politeness like any request.
        guard let host = HostKey(url: url), (try? await politeness.acquire(host)) != nil else {
            return RobotsRules(status: nil, body: [], userAgent: configuration.userAgent)
        }
        do {
            response = try await client.fetch(FetchRequest(url: url, maxBodyBytes: 512 * 1024))
            await politeness.release(host)
        } catch {
            await politeness.release(host)
            // Unreachable: RFC 9309 says assume complete disallow, and try again later.
            return RobotsRules(status: nil, body: [], userAgent: configuration.userAgent)
        }
        let rules = RobotsRules(
            status: response.statusCode, body: ResponseBody.decodedPayload(response), userAgent: configuration.userAgent
        )
        if let delay = rules.crawlDelay, let host = HostKey(url: url) {
            await politeness.setCrawlDelay(.milliseconds(Int(delay * 1000)), for: host)
        }
        // robots.txt is part of the evidence: archive it as its own capture.
        if let robotsURL = CrawlURL(url) {
            do {
                if let id = try frontier.register(robotsURL) {
                    _ = try await recorder.record(response, frontierID: id, outlinks: rules.sitemaps)
                    statistics.archived += 1
                }
            } catch {
                frontierWriteFailed("archive \(url)", url: url, error: error)
            }
        }
        let sitemaps = rules.sitemaps.compactMap { CrawlURL($0) }
        enqueue(sitemaps, depth: 0, via: CrawlURL(url) ?? configuration.seeds[0], redirects: 0, ignoreDepth: true)
        return rules
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

extension BodyTruncation {
    /// True when the server or network cut the body short (not vestige's own size cap).
    var isInterruption: Bool {
        if case .length = self { return false }
        return true
    }
}
