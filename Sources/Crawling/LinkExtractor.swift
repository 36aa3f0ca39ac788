import ArchiveIndex
import HTMLParsing

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Finds the URLs a page refers to: links to follow and resources it embeds, from HTML
/// attributes, srcset, meta refresh, inline CSS `url()`, OpenGraph and JSON-LD.
public enum LinkExtractor {
    /// What a page points at.
    public struct Links: Sendable, Equatable {
        /// Pages to follow (a, area, iframe, frame, meta refresh, link rel=next/prev/alternate).
        public var outlinks: [CrawlURL] = []
        /// Resources needed to show the page or that it publishes (img, video, audio, source,
        /// script, stylesheets, icons, OpenGraph/JSON-LD media).
        public var embeds: [CrawlURL] = []
        /// The page's title, if any.
        public var title: String?

        /// Everything, outlinks first, without duplicates.
        public var all: [CrawlURL] {
            var seen = Set<CrawlURL>()
            return (outlinks + embeds).filter { seen.insert($0).inserted }
        }
    }

    /// The elements whose attributes or text can hold a URL (any element can, in a style attribute).
    static let linkElements: Set<String> = [
        "base", "a", "area", "iframe", "frame", "link", "img", "source", "video", "audio", "track", "embed", "input",
        "script", "object", "meta", "style", "title",
    ]

    static let jsonLDKeys: Set<String> = ["url", "contentUrl", "embedUrl", "thumbnailUrl", "image", "video", "sameAs"]

    /// Extracts the links of an HTML page fetched from `base`.
    public static func extract(html bytes: some Collection<UInt8>, base: CrawlURL) -> Links {
        var links = Links()
        guard let document = HTMLDocument(bytes, url: base.string) else { return links }
        var baseURL = base
        var parsedBase = URL(string: base.string)
        var seenOut = Set<CrawlURL>()
        var seenEmbed = Set<CrawlURL>()
        func add(_ text: String?, embed: Bool) {
            guard let text, let url = CrawlURL(text, relativeTo: baseURL, baseURL: parsedBase) else { return }
            if embed {
                if seenEmbed.insert(url).inserted { links.embeds.append(url) }
            } else if seenOut.insert(url).inserted {
                links.outlinks.append(url)
            }
        }
        document.forEachElement(named: linkElements, orWith: "style") { element in
            switch element.name {
            case "base":
                if let href = element.attribute("href"), let url = CrawlURL(href, relativeTo: base) {
                    baseURL = url
                    parsedBase = URL(string: url.string)
                }
            case "a", "area":
                add(element.attribute("href"), embed: false)
            case "iframe", "frame":
                add(element.attribute("src"), embed: false)
            case "link":
                let rel = element.attribute("rel")?.lowercased() ?? ""
                let isPage = ["next", "prev", "alternate", "canonical"].contains { rel.firstRange(of: $0) != nil }
                add(element.attribute("href"), embed: !isPage)
            case "img", "source", "video", "audio", "track", "embed", "input", "script":
                add(element.attribute("src"), embed: true)
                add(element.attribute("poster"), embed: true)
                for candidate in srcset(element.attribute("srcset")) { add(candidate, embed: true) }
                if element.name == "script", element.attribute("type")?.lowercased() == "application/ld+json",
                    let json = try? JSONParser.parse(Array(element.text.utf8))
                {
                    for url in json.strings(forKeys: jsonLDKeys) { add(url, embed: true) }
                }
            case "object":
                add(element.attribute("data"), embed: true)
            case "meta":
                let property = (element.attribute("property") ?? element.attribute("name") ?? "").lowercased()
                if element.attribute("http-equiv")?.lowercased() == "refresh" {
                    add(refreshTarget(element.attribute("content")), embed: false)
                } else if property.hasPrefix("og:image") || property.hasPrefix("og:video")
                    || property.hasPrefix("og:audio") || property.hasPrefix("twitter:image")
                    || property.hasPrefix("twitter:player:stream")
                {
                    if !property.hasSuffix(":type") && !property.hasSuffix(":width") && !property.hasSuffix(":height") {
                        add(element.attribute("content"), embed: true)
                    }
                } else if property == "og:url" {
                    add(element.attribute("content"), embed: false)
                }
            case "style":
                for url in cssURLs(element.text) { add(url, embed: true) }
            case "title":
                if links.title == nil { links.title = element.text.trimming([" ", "\t", "\n", "\r", "\r\n"]) }
            default:
                break
            }
            if let style = element.attribute("style") {
                for url in cssURLs(style) { add(url, embed: true) }
            }
        }
        return links
    }

    /// The URLs of a `srcset` attribute ("a.jpg 1x, b.jpg 2x").
    static func srcset(_ value: String?) -> [String] {
        guard let value else { return [] }
        return value.split(separator: ",").compactMap { candidate in
            candidate.split(separator: " ", omittingEmptySubsequences: true).first.map(String.init)
        }
    }

    /// The URL of a meta refresh ("5; url=/next").
    static func refreshTarget(_ content: String?) -> String? {
        guard let content, let semicolon = content.firstIndex(where: { $0 == ";" || $0 == "," }) else { return nil }
        var rest = content[content.index(after: semicolon)...].drop { $0 == " " }
        if rest.lowercased().hasPrefix("url") {
            rest = rest.dropFirst(3).drop { $0 == " " }
            guard rest.first == "=" else { return nil }
            rest = rest.dropFirst().drop { $0 == " " }
        }
        let trimmed = rest.trimming(["'", "\"", " "])
        return trimmed.isEmpty ? nil : trimmed
    }

    /// URLs in CSS text: `url(...)` (quoted or not) and `@import "..."`.
    public static func cssURLs(_ css: String) -> [String] {
        var urls: [String] = []
        var rest = css[...]
        while let start = rest.firstRange(of: "url(") {
            let after = rest[start.upperBound...]
            guard let close = after.firstIndex(of: ")") else { break }
            let inner = after[..<close].trimming(["'", "\"", " ", "\t", "\n"])
            if !inner.isEmpty, !inner.hasPrefix("data:") { urls.append(inner) }
            rest = after[close...]
            if urls.count >= 10_000 { break }
        }
        rest = css[...]
        while let start = rest.firstRange(of: "@import") {
            let after = rest[start.upperBound...].drop { $0 == " " }
            if let quote = after.first, quote == "\"" || quote == "'" {
                let body = after.dropFirst()
                if let end = body.firstIndex(of: quote) { urls.append(String(body[..<end])) }
            }
            rest = rest[start.upperBound...]
        }
        return urls
    }
}

extension StringProtocol {
    /// The text without leading and trailing characters from `set`.
    func trimming(_ set: Set<Character>) -> String {
        guard let start = firstIndex(where: { !set.contains($0) }), let end = lastIndex(where: { !set.contains($0) })
        else { return "" }
        return String(self[start...end])
    }
}
