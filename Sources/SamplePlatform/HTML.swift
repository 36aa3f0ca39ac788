/// Escaping and the post-text-to-HTML step shared by pages, feeds and the Mastodon API.
enum HTML {
    /// Escapes text for HTML/XML element content and quoted attribute values.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }

    /// A post's text as Mastodon renders it: one paragraph, hashtags linked to tag pages and
    /// @mentions of known accounts linked to their profiles (absolute URLs).
    static func content(_ body: String, urls: SiteURLs, knownHandles: (String) -> Bool) -> String {
        guard !body.isEmpty else { return "" }
        var output = "<p>"
        let characters = Array(body)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let atWordStart = index == 0 || characters[index - 1].isWhitespace || characters[index - 1] == "("
            if atWordStart, character == "#" || character == "@" {
                var end = index + 1
                while end < characters.count, isWordCharacter(characters[end], mention: character == "@") { end += 1 }
                let word = String(characters[index + 1..<end])
                if !word.isEmpty, character == "#" {
                    output +=
                        "<a href=\"\(escape(urls.tag(word)))\" class=\"mention hashtag\" rel=\"tag\">#<span>"
                        + escape(word) + "</span></a>"
                    index = end
                    continue
                }
                if !word.isEmpty, character == "@", knownHandles(word) {
                    output +=
                        "<span class=\"h-card\"><a href=\"\(escape(urls.profile(word)))\" class=\"u-url mention\">@<span>"
                        + escape(word) + "</span></a></span>"
                    index = end
                    continue
                }
            }
            output += escape(String(character))
            index += 1
        }
        return output + "</p>"
    }

    /// Hashtags take letters, digits and `_` of any script (like the generator's `\w`);
    /// handles are lower-case ASCII letters, digits and `_`.
    private static func isWordCharacter(_ character: Character, mention: Bool) -> Bool {
        if mention {
            return character.isASCII && (character.isLowercase || character.isNumber || character == "_")
        }
        return character.isLetter || character.isNumber || character == "_"
    }
}
