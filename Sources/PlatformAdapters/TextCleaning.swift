import HTMLParsing

/// Small text helpers shared by the adapters.
enum TextCleaning {
    /// Longest HTML fragment turned into text; longer ones are cut.
    static let maxHTMLBytes = 4 << 20

    /// The text a reader sees in an HTML fragment (Mastodon `content`, feed descriptions):
    /// tags dropped, entities decoded, a line break between blocks, `#tag` and `@name` kept whole.
    static func htmlToText(_ html: String) -> String {
        guard html.contains("<") || html.contains("&") else { return collapse(html) }
        // Declared, so libxml2 reads the fragment as UTF-8 rather than guessing.
        let bytes = Array("<meta charset=\"utf-8\">".utf8) + Array(html.utf8.prefix(maxHTMLBytes))
        guard let document = HTMLDocument(bytes) else { return collapse(html) }
        return document.visibleText()
    }

    /// Runs of whitespace as one space, trimmed.
    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// `@alice` → `alice`; nil for blank text.
    static func handle(_ text: String?) -> String? {
        guard var handle = text?.trimmingBlanks(), !handle.isEmpty else { return nil }
        if handle.hasPrefix("@") { handle.removeFirst() }
        return handle.isEmpty ? nil : handle
    }

    /// The handle in a profile URL such as `https://host/@alice` or `https://host/users/alice`;
    /// nil when the URL has no such segment.
    static func handle(fromProfileURL text: String?) -> String? {
        guard let text, let url = URLParts(text) else { return nil }
        let segments = url.pathSegments
        if let last = segments.last, last.hasPrefix("@"), last.count > 1 { return String(last.dropFirst()) }
        if segments.count == 2, ["users", "u", "user", "profile"].contains(segments[0].lowercased()) {
            return String(segments[1])
        }
        return nil
    }

    /// A coordinate pair when both are finite and in range.
    static func coordinates(_ latitude: Double?, _ longitude: Double?) -> (Double, Double)? {
        guard let latitude, let longitude, latitude.isFinite, longitude.isFinite, abs(latitude) <= 90,
            abs(longitude) <= 180
        else { return nil }
        return (latitude, longitude)
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace and newlines.
    func trimmingBlanks() -> String {
        guard let start = firstIndex(where: { !$0.isWhitespace }), let end = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[start...end])
    }
}
