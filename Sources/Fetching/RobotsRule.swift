/// One Allow or Disallow line of a robots.txt group.
public struct RobotsRule: Sendable, Hashable {
    /// Whether the rule allows (true) or disallows (false) the paths it matches.
    public let allows: Bool
    /// The path pattern as written in the file.
    public let pattern: String

    /// The normalized pattern without a trailing "$".
    private let normalized: [UInt8]
    /// Whether the pattern ended with "$" (the path must end where the pattern ends).
    private let anchored: Bool

    /// A rule from a pattern as written (`*` matches any sequence, a final `$` anchors at the end);
    /// nil for an empty pattern, which matches nothing.
    public init?(allows: Bool, pattern: String) {
        self.init(allows: allows, patternBytes: Array(pattern.utf8))
    }

    init?(allows: Bool, patternBytes: [UInt8]) {
        guard !patternBytes.isEmpty else { return nil }
        self.allows = allows
        pattern = ResponseHeadParser.text(patternBytes)
        var bytes = RobotsPathNormalizer.normalize(patternBytes)
        if bytes.first != UInt8(ascii: "/") && bytes.first != UInt8(ascii: "*") {
            // A pattern must start with "/" (RFC 9309 path-pattern); read "private/" as "/private/".
            bytes.insert(UInt8(ascii: "/"), at: 0)
        }
        anchored = bytes.last == UInt8(ascii: "$")
        if anchored { bytes.removeLast() }
        // Runs of "*" match the same as one "*" and would only slow matching down.
        var collapsed: [UInt8] = []
        collapsed.reserveCapacity(bytes.count)
        for byte in bytes where !(byte == UInt8(ascii: "*") && collapsed.last == UInt8(ascii: "*")) {
            collapsed.append(byte)
        }
        normalized = collapsed
        specificity = RobotsPathNormalizer.normalize(patternBytes).count
    }

    /// How specific the rule is: the length of its pattern in octets (the longest match wins).
    public let specificity: Int

    /// Whether the rule matches a path that has already been normalized.
    func matches(normalizedPath path: [UInt8]) -> Bool {
        // Greedy wildcard matching with one backtracking point: O(path × pattern) at worst, no recursion.
        let star = UInt8(ascii: "*")
        var patternIndex = 0
        var pathIndex = 0
        var starIndex = -1
        var starPathIndex = 0
        while pathIndex < path.count {
            if patternIndex == normalized.count && !anchored { return true }
            if patternIndex < normalized.count && normalized[patternIndex] == star {
                starIndex = patternIndex
                starPathIndex = pathIndex
                patternIndex += 1
            } else if patternIndex < normalized.count && normalized[patternIndex] == path[pathIndex] {
                patternIndex += 1
                pathIndex += 1
            } else if starIndex >= 0 {
                patternIndex = starIndex + 1
                starPathIndex += 1
                pathIndex = starPathIndex
            } else {
                return false
            }
        }
        while patternIndex < normalized.count && normalized[patternIndex] == star { patternIndex += 1 }
        return patternIndex == normalized.count
    }
}
