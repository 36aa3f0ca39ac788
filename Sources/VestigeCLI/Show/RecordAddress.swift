/// What the RECORD argument of `vestige show` names.
enum RecordAddress: Equatable {
    /// A `WARC-Record-ID`, normalised to `<urn:uuid:…>` form.
    case recordID(String)
    /// A WARC file (name relative to `DIR/warc`, or a path archive.sqlite lists) and a byte offset.
    case location(file: String, offset: Int64)
    /// A URL: its latest capture.
    case url(String)

    /// Parses the argument; throws `ShowError.usage` naming what is wrong.
    init(parsing text: String) throws(ShowError) {
        let trimmed = text.strippingCharacters(" \t")
        let lower = trimmed.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            self = .url(trimmed)
            return
        }
        if lower.hasPrefix("<urn:") && lower.hasSuffix(">") {
            self = .recordID(trimmed)
            return
        }
        if lower.hasPrefix("urn:") {
            self = .recordID("<" + trimmed + ">")
            return
        }
        if Self.isUUID(trimmed) {
            self = .recordID("<urn:uuid:" + trimmed + ">")
            return
        }
        guard let separator = trimmed.lastIndex(where: { $0 == ":" || $0 == "@" }) else {
            throw .usage(
                "RECORD '\(text)': give a WARC-Record-ID (<urn:uuid:…> or the bare uuid), FILE:OFFSET "
                    + "(a file in DIR/warc and a byte offset, as search prints them) or an http(s) URL")
        }
        var file = String(trimmed[..<separator]).strippingCharacters(" ")
        let offsetText = String(trimmed[trimmed.index(after: separator)...]).strippingCharacters(" ")
        guard let offset = Int64(offsetText), offset >= 0 else {
            throw .usage("RECORD '\(text)': '\(offsetText)' is not a byte offset (a whole number, 0 or more)")
        }
        if file.hasPrefix("warc/") { file.removeFirst("warc/".count) }
        guard !file.isEmpty else { throw .usage("RECORD '\(text)': the WARC file name is missing before the offset") }
        self = .location(file: file, offset: offset)
    }

    /// 8-4-4-4-12 hex digits.
    static func isUUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        return groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}

extension String {
    /// The string without leading and trailing characters from `set`.
    func strippingCharacters(_ set: String) -> String {
        let characters = Set(set)
        return String(drop { characters.contains($0) }.reversed().drop { characters.contains($0) }.reversed())
    }
}
