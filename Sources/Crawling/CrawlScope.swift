#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

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
    /// Years a date in a URL may name (a path segment or query value such as `2026`, `2026-11`
    /// or `2026/11/25`); calendars that link to next and previous months for ever leave it.
    /// Nil turns the calendar guard off.
    public var calendarYears: ClosedRange<Int>? = 1970...(CrawlScope.currentYear + 2)

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
        if let years = calendarYears, let year = Self.calendarYear(in: url), !years.contains(year) {
            return "calendar date in year \(year), outside \(years.lowerBound)–\(years.upperBound)"
        }
        return nil
    }

    /// The first year named by a date in the URL: a path segment or query value `YYYY-MM` or
    /// `YYYY-MM-DD` (also with `_` or `.`), a path segment `YYYY` followed by a two-digit month
    /// segment (`/2026/11`), or a four-digit value of a query key naming a year (`year=2031`).
    /// Lone four-digit numbers (`/p/1234`) are ids, not dates.
    static func calendarYear(in url: CrawlURL) -> Int? {
        func digits(_ text: Substring, count: Int) -> Int? {
            guard text.utf8.count == count, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            return Int(text)
        }
        func datedYear(_ value: Substring) -> Int? {
            let parts = value.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "_" || $0 == "." }
            guard (2...3).contains(parts.count), let year = digits(parts[0], count: 4),
                let month = digits(parts[1], count: 2), (1...12).contains(month)
            else { return nil }
            return year
        }
        let segments = url.path.split(separator: "/")
        for (index, segment) in segments.enumerated() {
            if let year = datedYear(segment) { return year }
            if let year = digits(segment, count: 4), index + 1 < segments.count,
                let month = digits(segments[index + 1], count: 2), (1...12).contains(month)
            {
                return year
            }
        }
        for parameter in (url.query ?? "").split(separator: "&") {
            let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            if let year = datedYear(pair[1]) { return year }
            if pair[0].lowercased().contains("year"), let year = digits(pair[1], count: 4) { return year }
        }
        return nil
    }

    /// This year by the system clock (UTC).
    static var currentYear: Int {
        1970 + Int(Date().timeIntervalSince1970 / 31_556_952)
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
