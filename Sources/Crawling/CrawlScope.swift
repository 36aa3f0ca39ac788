/// Which URLs a crawl follows, and the guards against crawler traps (endless calendars,
/// session ids, repeating paths).
public struct CrawlScope: Sendable {
    /// How far from the seeds a crawl may go.
    public enum Mode: String, Sendable, CaseIterable {
        /// Same host as a seed.
        case host
        /// Same host or a subdomain of a seed's host (without "www.").
        case domain
        /// URLs that start with a seed URL.
        case prefix
    }

    /// Why a URL is not followed.
    public enum Exclusion: Error, Equatable, Sendable, CustomStringConvertible {
        case outOfScope
        case excludedByRule(String)
        case notIncluded
        case tooDeep(Int)
        case trap(String)

        public var description: String {
            switch self {
            case .outOfScope: "out of scope"
            case .excludedByRule(let rule): "excluded by rule \(rule)"
            case .notIncluded: "matches no include rule"
            case .tooDeep(let depth): "deeper than max depth (\(depth))"
            case .trap(let what): "crawler trap guard: \(what)"
            }
        }
    }

    public var mode: Mode
    public var seeds: [CrawlURL]
    /// Regular expressions a URL must match one of (when any are given).
    public var include: [String]
    /// Regular expressions that exclude a URL.
    public var exclude: [String]
    /// Links followed from a seed at most (the seed is depth 0).
    public var maxDepth: Int
    /// Longest URL followed.
    public var maxURLLength = 2048
    /// Most path segments.
    public var maxPathSegments = 32
    /// Most times one path segment may repeat (a/b/a/b/a/b…).
    public var maxSegmentRepeats = 3
    /// Most query parameters.
    public var maxQueryParameters = 16

    /// A scope around `seeds`.
    public init(mode: Mode, seeds: [CrawlURL], include: [String] = [], exclude: [String] = [], maxDepth: Int = 20) {
        self.mode = mode
        self.seeds = seeds
        self.include = include
        self.exclude = exclude
        self.maxDepth = maxDepth
    }

    /// Checks the include/exclude patterns compile; the message names the bad pattern.
    public func validate() throws(CrawlScopeError) {
        for pattern in include + exclude {
            do {
                _ = try Regex(pattern)
            } catch {
                throw CrawlScopeError(message: "invalid regular expression '\(pattern)': \(error)")
            }
        }
    }

    /// Why `url`, found at `depth`, is not followed; nil when it is.
    public func exclusion(of url: CrawlURL, depth: Int) -> Exclusion? {
        guard isWithinSeeds(url) else { return .outOfScope }
        if depth > maxDepth { return .tooDeep(maxDepth) }
        if let trap = trap(url) { return .trap(trap) }
        for pattern in exclude where matches(pattern, url.string) { return .excludedByRule(pattern) }
        if !include.isEmpty, !include.contains(where: { matches($0, url.string) }) { return .notIncluded }
        return nil
    }

    func isWithinSeeds(_ url: CrawlURL) -> Bool {
        seeds.contains { seed in
            switch mode {
            case .host:
                return seed.host == url.host && seed.port == url.port
            case .domain:
                let domain = seed.host.hasPrefix("www.") ? String(seed.host.dropFirst(4)) : seed.host
                return url.host == domain || url.host.hasSuffix("." + domain)
            case .prefix:
                return url.string.hasPrefix(seed.string)
            }
        }
    }

    func trap(_ url: CrawlURL) -> String? {
        if url.string.utf8.count > maxURLLength { return "URL longer than \(maxURLLength) characters" }
        let segments = url.path.split(separator: "/")
        if segments.count > maxPathSegments { return "more than \(maxPathSegments) path segments" }
        var repeats: [Substring: Int] = [:]
        for segment in segments {
            repeats[segment, default: 0] += 1
            if repeats[segment, default: 0] > maxSegmentRepeats { return "path segment '\(segment)' repeats" }
        }
        if let query = url.query, query.split(separator: "&").count > maxQueryParameters {
            return "more than \(maxQueryParameters) query parameters"
        }
        return nil
    }

    private func matches(_ pattern: String, _ text: String) -> Bool {
        guard let regex = try? Regex(pattern) else { return false }
        return text.contains(regex)
    }
}

/// A scope option that cannot be used.
public struct CrawlScopeError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
