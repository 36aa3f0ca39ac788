import WARC

/// URLs listed by XML sitemaps (urlset and sitemap index), RSS and Atom feeds.
///
/// A tolerant scan of the element names that carry URLs, so malformed feeds still give their links.
enum FeedLinkExtractor {
    static let maxLinks = 100_000

    static func extract(_ bytes: [UInt8], base: CrawlURL) -> [CrawlURL] {
        // Sitemaps are often served gzipped as files (sitemap.xml.gz), not as a content coding.
        let xml =
            bytes.starts(with: [0x1F, 0x8B]) ? HTTPContentDecoder.decode(bytes, contentEncoding: "gzip") ?? [] : bytes
        let text = String(decoding: xml.prefix(64 << 20), as: UTF8.self)
        var urls: [CrawlURL] = []
        var seen = Set<CrawlURL>()
        func add(_ value: Substring) {
            let cleaned = unescape(value.trimming([" ", "\n", "\r", "\t"]))
            let unwrapped =
                cleaned.hasPrefix("<![CDATA[") && cleaned.hasSuffix("]]>")
                ? String(cleaned.dropFirst(9).dropLast(3)) : cleaned
            if let url = CrawlURL(unwrapped, relativeTo: base), seen.insert(url).inserted, urls.count < maxLinks {
                urls.append(url)
            }
        }
        // <loc>…</loc> (sitemaps), <link>…</link> (RSS), <guid isPermaLink="true">…</guid>
        for tag in ["loc", "link"] {
            var rest = text[...]
            while let open = rest.firstRange(of: "<\(tag)>") {
                guard let close = rest[open.upperBound...].firstRange(of: "</\(tag)>") else { break }
                add(rest[open.upperBound..<close.lowerBound])
                rest = rest[close.upperBound...]
            }
        }
        // <link href="…"/> (Atom), <enclosure url="…"/> and <media:content url="…"/> (media).
        for (element, attribute) in [("<link", "href"), ("<enclosure", "url"), ("<media:content", "url")] {
            var rest = text[...]
            while let open = rest.firstRange(of: element) {
                guard let end = rest[open.upperBound...].firstIndex(of: ">") else { break }
                let tag = rest[open.upperBound..<end]
                for quote in ["\"", "'"] {
                    if let start = tag.firstRange(of: "\(attribute)=\(quote)") {
                        let value = tag[start.upperBound...]
                        if let close = value.firstIndex(of: Character(quote)) { add(value[..<close]) }
                    }
                }
                rest = rest[end...]
            }
        }
        return urls
    }

    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacing("&amp;", with: "&").replacing("&lt;", with: "<").replacing("&gt;", with: ">")
            .replacing("&quot;", with: "\"").replacing("&apos;", with: "'")
    }
}
