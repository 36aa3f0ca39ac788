/// schema.org JSON-LD for post pages: a `SocialMediaPosting` with author, media, the shared post
/// of a repost and the parent of a reply. Absent values are left out, as JSON-LD expects.
enum JSONLD {
    struct Person: Encodable, Sendable {
        let type = "Person"
        let name: String
        let alternateName: String
        let url: String

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case name, alternateName, url
        }
    }

    struct MediaObject: Encodable, Sendable {
        /// `ImageObject` or `VideoObject`.
        let type: String
        let contentUrl: String
        let thumbnailUrl: String
        let encodingFormat: String
        let name: String
        let uploadDate: String
        let width: Int?
        let height: Int?
        /// ISO 8601 duration, e.g. `PT2S`.
        let duration: String?

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case contentUrl, thumbnailUrl, encodingFormat, name, uploadDate, width, height, duration
        }
    }

    /// A reference to another post (reply parent).
    struct PostReference: Encodable, Sendable {
        let type = "SocialMediaPosting"
        let id: String
        let url: String

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case id = "@id"
            case url
        }
    }

    /// The post a repost shares.
    struct SharedPosting: Encodable, Sendable {
        let type = "SocialMediaPosting"
        let id: String
        let url: String
        let headline: String
        let articleBody: String
        let datePublished: String
        let author: Person

        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case id = "@id"
            case url, headline, articleBody, datePublished, author
        }
    }

    struct Posting: Encodable, Sendable {
        let context = "https://schema.org"
        let type = "SocialMediaPosting"
        let id: String
        let url: String
        let identifier: String
        let headline: String
        let articleBody: String
        let datePublished: String
        let dateModified: String?
        let inLanguage: String
        let author: Person
        let keywords: [String]?
        let image: [MediaObject]?
        let video: [MediaObject]?
        let sharedContent: SharedPosting?
        let isPartOf: PostReference?
        /// Not schema.org vocabulary, but what ActivityStreams-minded readers look for.
        let inReplyTo: PostReference?

        enum CodingKeys: String, CodingKey {
            case context = "@context"
            case type = "@type"
            case id = "@id"
            case url, identifier, headline, articleBody, datePublished, dateModified, inLanguage, author, keywords
            case image, video, sharedContent, isPartOf, inReplyTo
        }
    }

    /// A headline: the text's first 110 characters (Google's limit), cut at a word.
    static func headline(_ body: String, fallback: String) -> String {
        let text = body.isEmpty ? fallback : body
        guard text.count > 110 else { return text }
        let cut = text.prefix(109)
        if let space = cut.lastIndex(of: " ") { return String(cut[..<space]) + "…" }
        return String(cut) + "…"
    }

    /// JSON for a `<script>` element: slashes escaped, so `</script>` cannot occur.
    static func script(_ posting: Posting) -> String {
        String(decoding: JSONOutput.encode(posting, escapeSlashes: true), as: UTF8.self)
    }
}
