/// The hashtags and mentions of a post's text, as the index stores them: the `tags` and
/// `mentions` columns of `posts` (space-separated, lower-cased, without `#` or `@`), which
/// `posts_fts` indexes beside the body so that `#lockdown` and `@alice` can be searched apart
/// from the plain words `lockdown` and `alice` (which the body alone finds).
///
/// A tag is `#` followed by letters, digits or `_` (at least one that is not a digit), not
/// preceded by a letter, digit or `_` (so `page#section` and `C#1` are no tags). A mention is `@`
/// followed by a handle of letters, digits, `_`, `.` or `-`, not preceded by a word character
/// (so `bob@example.org` is no mention); of `@alice@mastodon.social` the local part `alice` is
/// stored, as the platform's own search does.
public struct PostTags: Sendable, Hashable {
    /// Most tags or mentions kept per post (a spam post can hold thousands).
    public static let maxEach = 256

    /// Lower-cased tag names without `#`, in order of first appearance, each once.
    public var tags: [String] = []
    /// Lower-cased handles without `@` (local part only), in order of first appearance, each once.
    public var mentions: [String] = []

    /// The tags and mentions of `text`.
    public init(text: String) {
        var seenTags = Set<String>()
        var seenMentions = Set<String>()
        let characters = Array(text.unicodeScalars)
        var index = 0
        while index < characters.count {
            let c = characters[index]
            guard c == "#" || c == "@", index == 0 || !Self.isWordCharacter(characters[index - 1]) else {
                index += 1
                continue
            }
            var end = index + 1
            if c == "#" {
                while end < characters.count, Self.isWordCharacter(characters[end]) { end += 1 }
                let name = String(String.UnicodeScalarView(characters[(index + 1)..<end])).lowercased()
                if name.unicodeScalars.contains(where: { !("0"..."9").contains($0) }), tags.count < Self.maxEach,
                    seenTags.insert(name).inserted
                {
                    tags.append(name)
                }
            } else {
                while end < characters.count, Self.isHandleCharacter(characters[end]) { end += 1 }
                // A handle never ends with the sentence's full stop.
                while end > index + 1, characters[end - 1] == "." || characters[end - 1] == "-" { end -= 1 }
                let name = String(String.UnicodeScalarView(characters[(index + 1)..<end])).lowercased()
                if !name.isEmpty, mentions.count < Self.maxEach, seenMentions.insert(name).inserted {
                    mentions.append(name)
                }
                // `@alice@mastodon.social`: the instance is part of this mention, not another one.
                if end < characters.count, characters[end] == "@" {
                    end += 1
                    while end < characters.count, Self.isHandleCharacter(characters[end]) { end += 1 }
                }
            }
            index = max(end, index + 1)
        }
    }

    /// The `tags` column's text.
    public var tagsText: String { tags.joined(separator: " ") }
    /// The `mentions` column's text.
    public var mentionsText: String { mentions.joined(separator: " ") }

    static func isWordCharacter(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isAlphabetic || c.properties.numericType != nil
    }

    static func isHandleCharacter(_ c: Unicode.Scalar) -> Bool {
        isWordCharacter(c) || c == "." || c == "-"
    }
}
