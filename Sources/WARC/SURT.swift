/// SURT keys (Sort-friendly URI Reordering Transform) as pywb and cdxj-indexer compute them
/// with the `surt` library's default canonicalizer: `com,example)/path?a=1&b=2`.
///
/// Host reversed and lower-cased, `www.`/`www2.` dropped, default port dropped, user info and
/// fragment dropped, path normalised (`.`/`..`, repeated slashes) and lower-cased, trailing
/// slash dropped, percent-encoding normalised (decoded repeatedly, then non-ASCII, spaces, `%`
/// and `#` encoded once), query lower-cased with common session ids removed and its arguments
/// sorted. Not done: the library's `.aspx` path session-id rule and IDNA for non-ASCII hosts.
public enum SURT {
    /// The SURT key of `url`; an unparseable URL (for example a bad port) is returned unchanged,
    /// as cdxj-indexer does.
    public static func key(for url: String) -> String {
        var bytes = Array(url.utf8)
        if bytes.isEmpty { return "-" }
        if bytes.starts(with: Array("filedesc".utf8)) { return url }
        guard var parts = parse(&bytes) else { return url }
        canonicalize(&parts)
        return String(decoding: render(parts), as: UTF8.self)
    }

    struct Parts {
        var scheme: [UInt8]
        var host: [UInt8]?
        var port: Int?
        var path: [UInt8]?
        var query: [UInt8]?
    }

    // MARK: - Parsing (handyurl.parse)

    static func parse(_ bytes: inout [UInt8]) -> Parts? {
        let strippable: Set<UInt8> = [32, 9, 10, 13, 11, 12]
        while let first = bytes.first, strippable.contains(first) { bytes.removeFirst() }
        while let last = bytes.last, strippable.contains(last) { bytes.removeLast() }
        bytes.removeAll { $0 == 10 || $0 == 13 || $0 == 9 }
        if schemeLength(bytes) == nil { bytes = Array("http://".utf8) + bytes }
        // "http://https://host/" → "https://host/"
        while let first = protocolPrefixLength(bytes[...]), protocolPrefixLength(bytes[first...]) != nil {
            bytes.removeFirst(first)
        }
        var rest = bytes[...]
        var scheme: [UInt8] = []
        if let length = schemeLength(bytes) {
            scheme = Array(bytes[0..<length])
            rest = bytes[(length + 1)...]
        }
        if let hash = rest.firstIndex(of: UInt8(ascii: "#")) { rest = rest[..<hash] }
        var query: [UInt8]?
        if let mark = rest.firstIndex(of: UInt8(ascii: "?")) {
            query = Array(rest[(mark + 1)...])
            rest = rest[..<mark]
        }
        var netloc: [UInt8] = []
        if rest.starts(with: [47, 47]) {
            let afterSlashes = rest.dropFirst(2)
            let end = afterSlashes.firstIndex(of: UInt8(ascii: "/")) ?? afterSlashes.endIndex
            netloc = Array(afterSlashes[..<end])
            rest = afterSlashes[end...]
        }
        while netloc.last == UInt8(ascii: ":") { netloc.removeLast() }
        var path: [UInt8]? = rest.isEmpty ? nil : Array(rest)
        if query?.isEmpty == true { query = nil }

        // hostname and port as Python's urlsplit gives them.
        var hostPart = netloc[...]
        if let at = hostPart.lastIndex(of: UInt8(ascii: "@")) { hostPart = hostPart[(at + 1)...] }
        var host: [UInt8]
        var portText: ArraySlice<UInt8>?
        if hostPart.first == UInt8(ascii: "[") {
            let close = hostPart.firstIndex(of: UInt8(ascii: "]")) ?? hostPart.endIndex
            host = Array(hostPart[hostPart.index(after: hostPart.startIndex)..<close])
            let after = close < hostPart.endIndex ? hostPart[(close + 1)...] : hostPart[hostPart.endIndex...]
            if after.first == UInt8(ascii: ":") { portText = after.dropFirst() }
        } else if let colon = hostPart.firstIndex(of: UInt8(ascii: ":")) {
            host = Array(hostPart[..<colon])
            portText = hostPart[(colon + 1)...]
        } else {
            host = Array(hostPart)
        }
        host = host.map(ASCII.lower)
        var port: Int?
        if let portText, !portText.isEmpty {
            guard let value = ASCII.parseDecimal(portText), value <= 65535 else { return nil }
            port = value == 0 ? nil : Int(value)
        }
        if scheme.starts(with: Array("http".utf8)), host.isEmpty, let current = path {
            // "http:////host/path"
            var trimmed = current[...]
            while trimmed.first == UInt8(ascii: "/") { trimmed = trimmed.dropFirst() }
            let slash = trimmed.firstIndex(of: UInt8(ascii: "/")) ?? trimmed.endIndex
            host = Array(trimmed[..<slash])
            path = [UInt8(ascii: "/")] + (slash < trimmed.endIndex ? Array(trimmed[(slash + 1)...]) : [])
        }
        return Parts(scheme: scheme, host: host.isEmpty ? nil : host, port: port, path: path, query: query)
    }

    /// Length of `scheme` when `bytes` starts with `scheme:`.
    static func schemeLength(_ bytes: [UInt8]) -> Int? {
        guard let first = bytes.first, isAlpha(first) else { return nil }
        var index = 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ":") { return index }
            guard isAlpha(byte) || ASCII.isDigit(byte) || byte == 43 || byte == 45 || byte == 46 else { return nil }
            index += 1
        }
        return nil
    }

    static func protocolPrefixLength(_ bytes: ArraySlice<UInt8>) -> Int? {
        if bytes.starts(with: Array("http://".utf8)) { return 7 }
        if bytes.starts(with: Array("https://".utf8)) { return 8 }
        return nil
    }

    static func isAlpha(_ byte: UInt8) -> Bool { (65...90).contains(byte) || (97...122).contains(byte) }

    // MARK: - Canonicalization (Google then IA canonicalizer)

    static func canonicalize(_ parts: inout Parts) {
        if let query = parts.query { parts.query = escapeOnce(unescapeRepeatedly(query)) }
        if var host = parts.host {
            host = unescapeRepeatedly(host)
            while let range = find([46, 46], in: host) { host.replaceSubrange(range, with: [46]) }
            while host.first == 46 { host.removeFirst() }
            while host.last == 46 { host.removeLast() }
            if let ip = ipAddress(host) {
                host = ip
            } else {
                host = escapeOnce(host.map(ASCII.lower))
            }
            parts.host = host.isEmpty ? nil : host
        }
        var path = parts.path.map(unescapeRepeatedly)
        if parts.host != nil { path = normalizePath(path) }
        parts.path = path.map(escapeOnce)

        // IA canonicalizer
        if var host = parts.host {
            host = host.map(ASCII.lower)
            if parts.scheme.map(ASCII.lower) != Array("dns".utf8) { host = massageHost(host) }
            parts.host = host
        }
        let scheme = parts.scheme.map(ASCII.lower)
        if let port = parts.port,
            (scheme == Array("http".utf8) && port == 80) || (scheme == Array("https".utf8) && port == 443)
        {
            parts.port = nil
        }
        if var path = parts.path {
            path = path.map(ASCII.lower)
            if path.count > 1, path.last == UInt8(ascii: "/") { path.removeLast() }
            parts.path = path
        }
        if var query = parts.query {
            query = stripQuerySessionIDs(query)
            query = query.map(ASCII.lower)
            query = alphaReorder(query)
            parts.query = query.isEmpty ? nil : query
        }
    }

    static func render(_ parts: Parts) -> [UInt8] {
        var out: [UInt8] = []
        if let host = parts.host {
            let labels = host.split(separator: 46, omittingEmptySubsequences: false)
            out = Array(labels.reversed().joined(separator: [44]))
            if let port = parts.port { out += Array(":\(port)".utf8) }
            out.append(UInt8(ascii: ")"))
        } else {
            out = parts.scheme + [UInt8(ascii: ":")]
        }
        if let path = parts.path, !path.isEmpty {
            out += path
        } else if parts.query != nil {
            out.append(UInt8(ascii: "/"))
        }
        if let query = parts.query { out += [UInt8(ascii: "?")] + query }
        return out
    }

    static func normalizePath(_ path: [UInt8]?) -> [UInt8] {
        guard let path, !path.isEmpty else { return [47] }
        let segments = path.split(separator: 47, omittingEmptySubsequences: false).dropFirst()
        var kept: [ArraySlice<UInt8>] = []
        for segment in segments {
            if segment.elementsEqual([46]) { continue }
            if segment.elementsEqual([46, 46]) {
                if kept.isEmpty { kept.append(segment) } else { kept.removeLast() }
                continue
            }
            kept.append(segment)
        }
        var out: [UInt8] = [47]
        if let last = kept.last {
            for segment in kept.dropLast() where !segment.isEmpty {
                out += segment
                out.append(47)
            }
            out += last
        }
        return out
    }

    static func massageHost(_ host: [UInt8]) -> [UInt8] {
        guard host.starts(with: Array("www".utf8)) else { return host }
        var index = 3
        while index < host.count, ASCII.isDigit(host[index]) { index += 1 }
        guard index < host.count, host[index] == 46 else { return host }
        return Array(host[(index + 1)...])
    }

    /// Dotted-quad form of hosts written as one number or in inet_aton's shorter forms; nil for
    /// anything else.
    static func ipAddress(_ host: [UInt8]) -> [UInt8]? {
        guard !host.isEmpty else { return nil }
        if host.allSatisfy(ASCII.isDigit) {
            guard let value = ASCII.parseDecimal(host) else { return nil }
            return dotted(UInt32(truncatingIfNeeded: value))
        }
        let pieces = host.split(separator: 46, omittingEmptySubsequences: false)
        guard pieces.count <= 4, let first = pieces.first, let lead = first.first, ASCII.isDigit(lead),
            pieces.allSatisfy({ !$0.isEmpty && $0.allSatisfy(ASCII.isDigit) })
        else { return nil }
        var values: [UInt64] = []
        for piece in pieces {
            var value: UInt64 = 0
            let octal = piece.count > 1 && piece.first == 48
            for digit in piece {
                if octal && digit > 55 { return nil }
                value = value * (octal ? 8 : 10) + UInt64(digit - 48)
                if value > UInt64(UInt32.max) { return nil }
            }
            values.append(value)
        }
        var result: UInt64 = 0
        for (index, value) in values.enumerated() {
            if index == values.count - 1 {
                let bits = UInt64(8 * (4 - index))
                guard bits == 64 || value < (1 << bits) else { return nil }
                result |= value
            } else {
                guard value < 256 else { return nil }
                result |= value << UInt64(8 * (3 - index))
            }
        }
        return dotted(UInt32(truncatingIfNeeded: result))
    }

    static func dotted(_ value: UInt32) -> [UInt8] {
        Array("\(value >> 24).\(value >> 16 & 255).\(value >> 8 & 255).\(value & 255)".utf8)
    }

    // MARK: - Percent-encoding

    static func unescapeRepeatedly(_ input: [UInt8]) -> [UInt8] {
        var current = input
        while true {
            let next = unescapeOnce(current)
            if next == current { return current }
            current = next
        }
    }

    static func unescapeOnce(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            if input[index] == 37, index + 2 < input.count,
                let high = ASCII.hexValue(input[index + 1]), let low = ASCII.hexValue(input[index + 2])
            {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(input[index])
                index += 1
            }
        }
        return out
    }

    /// Percent-encodes everything except letters, digits and `_.-~!"$&'()*+,/:;<=>?@[\]^`{|}`.
    static func escapeOnce(_ input: [UInt8]) -> [UInt8] {
        let safe = Set(Array("!\"$&'()*+,-./:;<=>?@[\\]^_`{|}~".utf8))
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        for byte in input {
            if isAlpha(byte) || ASCII.isDigit(byte) || safe.contains(byte) {
                out.append(byte)
            } else {
                out += [37, digits[Int(byte >> 4)], digits[Int(byte & 15)]]
            }
        }
        return out
    }

    // MARK: - Query

    /// Removes jsessionid, phpsessid, sid (32 alphanumerics), ASPSESSIONIDxxxxxxxx and
    /// cfid/cftoken arguments, each rule once, as the IA canonicalizer does.
    static func stripQuerySessionIDs(_ query: [UInt8]) -> [UInt8] {
        var result = query
        for name in ["jsessionid=", "phpsessid=", "sid="] {
            result = stripLast(result) { bytes, start in
                guard matchesCaseInsensitive(bytes, at: start, Array(name.utf8)) else { return nil }
                let valueStart = start + name.utf8.count
                let valueEnd = valueStart + 32
                guard valueEnd <= bytes.count,
                    bytes[valueStart..<valueEnd].allSatisfy({ isAlpha($0) || ASCII.isDigit($0) })
                else { return nil }
                return valueEnd
            }
        }
        result = stripLast(result) { bytes, start in
            let name = Array("aspsessionid".utf8)
            guard matchesCaseInsensitive(bytes, at: start, name) else { return nil }
            let letters = start + name.count
            guard letters + 8 + 1 + 24 <= bytes.count, bytes[letters..<letters + 8].allSatisfy(isAlpha),
                bytes[letters + 8] == UInt8(ascii: "="), bytes[(letters + 9)..<(letters + 33)].allSatisfy(isAlpha)
            else { return nil }
            return letters + 33
        }
        result = stripLast(result) { bytes, start in
            guard matchesCaseInsensitive(bytes, at: start, Array("cfid=".utf8)) else { return nil }
            var index = start + 5
            let idStart = index
            while index < bytes.count, bytes[index] != 38 { index += 1 }
            guard index > idStart, index < bytes.count,
                matchesCaseInsensitive(bytes, at: index + 1, Array("cftoken=".utf8))
            else { return nil }
            index += 9
            let tokenStart = index
            while index < bytes.count, bytes[index] != 38 { index += 1 }
            return index > tokenStart ? index : nil
        }
        return result
    }

    /// Applies `^(.*)(?:TOKEN)(?:&(.*))?$` with a greedy prefix: the last place where `match`
    /// succeeds and is followed by `&` or the end; returns prefix + rest.
    static func stripLast(_ bytes: [UInt8], _ match: ([UInt8], Int) -> Int?) -> [UInt8] {
        var start = bytes.count
        while start >= 0 {
            if let end = match(bytes, start), end == bytes.count || bytes[end] == 38 {
                let rest = end < bytes.count ? Array(bytes[(end + 1)...]) : []
                return Array(bytes[..<start]) + rest
            }
            start -= 1
        }
        return bytes
    }

    static func matchesCaseInsensitive(_ bytes: [UInt8], at start: Int, _ word: [UInt8]) -> Bool {
        guard start >= 0, start + word.count <= bytes.count else { return false }
        for (offset, char) in word.enumerated() where ASCII.lower(bytes[start + offset]) != char {
            return false
        }
        return true
    }

    /// Sorts `&`-separated arguments by name, then value (an argument without `=` first).
    static func alphaReorder(_ query: [UInt8]) -> [UInt8] {
        guard query.count > 1 else { return query }
        let arguments = query.split(separator: 38, omittingEmptySubsequences: false).map { argument in
            if let equals = argument.firstIndex(of: 61) {
                return (Array(argument[..<equals]), Optional(Array(argument[(equals + 1)...])))
            }
            return (Array(argument), nil)
        }
        let sorted = arguments.sorted { a, b in
            if a.0 != b.0 { return a.0.lexicographicallyPrecedes(b.0) }
            switch (a.1, b.1) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case (let x?, let y?): return x.lexicographicallyPrecedes(y)
            }
        }
        var out: [UInt8] = []
        for (index, argument) in sorted.enumerated() {
            if index > 0 { out.append(38) }
            out += argument.0
            if let value = argument.1 { out += [61] + value }
        }
        return out
    }

    static func find(_ pattern: [UInt8], in bytes: [UInt8]) -> Range<Int>? {
        guard bytes.count >= pattern.count else { return nil }
        for start in 0...(bytes.count - pattern.count) where bytes[start..<start + pattern.count].elementsEqual(pattern)
        {
            return start..<start + pattern.count
        }
        return nil
    }
}
