/// Parses the header fields out of a raw response head. Never traps on malformed input:
/// lines without a colon are skipped, obsolete line folding is joined.
enum ResponseHeadParser {
    /// The header fields of a head (the status line is skipped).
    static func fields(in head: [UInt8]) -> HTTPHeaders {
        var headers = HTTPHeaders()
        var fields: [(name: [UInt8], value: [UInt8])] = []
        var isFirstLine = true
        for rawLine in head.split(separator: 0x0A, omittingEmptySubsequences: false) {
            var line = rawLine[...]
            if line.last == 0x0D { line = line.dropLast() }
            if isFirstLine {
                isFirstLine = false
                continue
            }
            if line.isEmpty { continue }
            if let first = line.first, first == 0x20 || first == 0x09, !fields.isEmpty {
                // Obsolete line folding: a continuation of the previous field's value.
                let continuation = trimmed(line)
                if !continuation.isEmpty {
                    fields[fields.count - 1].value += [0x20] + continuation
                }
                continue
            }
            guard let colon = line.firstIndex(of: 0x3A) else { continue }
            let name = trimmed(line[line.startIndex..<colon])
            guard !name.isEmpty else { continue }
            fields.append((Array(name), Array(trimmed(line[(colon + 1)...]))))
        }
        for field in fields {
            headers.add(name: text(field.name), value: text(field.value))
        }
        return headers
    }

    /// The Content-Length of a head, when present and a plain decimal number.
    static func contentLength(in head: [UInt8]) -> Int? {
        guard let value = fields(in: head)["Content-Length"], !value.isEmpty, value.count <= 18,
            value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else { return nil }
        return Int(value)
    }

    /// Bytes as text: UTF-8 when valid, else ISO-8859-1 (every byte one character), so nothing is lost.
    static func text(_ bytes: some Collection<UInt8>) -> String {
        if let utf8 = String(validating: bytes, as: UTF8.self) { return utf8 }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
        return String(scalars)
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, first == 0x20 || first == 0x09 { slice = slice.dropFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 { slice = slice.dropLast() }
        return slice
    }
}
