/// RFC 8288 `Link` header fields: `<https://…?max_id=1>; rel="next", <…>; rel="prev"`.
enum LinkHeader {
    /// The targets whose `rel` includes `relation`, in order, as written (not yet resolved).
    static func targets(_ values: [String], relation: String) -> [String] {
        var found: [String] = []
        for value in values {
            var rest = Substring(value)
            while let open = rest.firstIndex(of: "<"), found.count < 100 {
                guard let close = rest[open...].firstIndex(of: ">") else { break }
                let target = rest[rest.index(after: open)..<close]
                // Parameters run to the next `<` (a URL cannot contain one).
                let parametersEnd = rest[close...].firstIndex(of: "<") ?? rest.endIndex
                let parameters = rest[rest.index(after: close)..<parametersEnd]
                if Self.relations(parameters).contains(relation.lowercased()) { found.append(String(target)) }
                rest = rest[parametersEnd...]
            }
        }
        return found
    }

    /// The space-separated values of `rel=` in `; rel="next last"`.
    private static func relations(_ parameters: Substring) -> [String] {
        for parameter in parameters.split(separator: ";") {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingBlanks().lowercased() == "rel" else { continue }
            // `"next last",` → `next last` (the comma separates links).
            let unquoted = parts[1].filter { $0 != "\"" && $0 != "," }
            return unquoted.lowercased().split(whereSeparator: { $0.isWhitespace }).map(String.init)
        }
        return []
    }
}
