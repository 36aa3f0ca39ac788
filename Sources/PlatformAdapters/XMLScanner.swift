/// A tolerant, non-validating scanner over XML bytes (feeds), without recursion or a DTD.
///
/// Broken markup is read as far as it makes sense: an unclosed tag ends the scan, unknown
/// entities are kept as written, comments, processing instructions and doctypes are skipped.
struct XMLScanner {
    /// Most bytes scanned.
    static let maxBytes = 64 << 20
    /// Most attributes read per tag.
    static let maxAttributes = 64

    private let bytes: [UInt8]
    private var index = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Calls `visit` for each token in order until it returns false or the input ends.
    static func scan(_ input: [UInt8], _ visit: (XMLToken) -> Bool) {
        var scanner = XMLScanner(input.count > maxBytes ? Array(input.prefix(maxBytes)) : input)
        if scanner.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { scanner.index = 3 }
        while let token = scanner.next() {
            guard visit(token) else { return }
        }
    }

    /// The name of the first element (lower-cased), if the input starts like XML.
    static func rootName(_ input: [UInt8]) -> String? {
        var root: String?
        var seenText = 0
        scan(Array(input.prefix(16 << 10))) { token in
            switch token {
            case .start(let name, _, _):
                root = name
                return false
            case .text(let text):
                seenText += text.utf8.count
                // Only whitespace may come before the root element.
                return text.allSatisfy(\.isWhitespace) && seenText < 4096
            case .end:
                return false
            }
        }
        return root
    }

    private mutating func next() -> XMLToken? {
        while index < bytes.count {
            if bytes[index] != UInt8(ascii: "<") { return text() }
            if starts(with: "<!--") {
                skip(past: "-->")
            } else if starts(with: "<![CDATA[") {
                index += 9
                let start = index
                let end = find("]]>") ?? bytes.count
                index = min(bytes.count, end + 3)
                return .text(String(decoding: bytes[start..<end], as: UTF8.self))
            } else if starts(with: "<!") {
                skipDeclaration()
            } else if starts(with: "<?") {
                skip(past: "?>")
            } else if let token = tag() {
                return token
            } else {
                return nil
            }
        }
        return nil
    }

    private func starts(with text: StaticString) -> Bool {
        text.withUTF8Buffer { expected in
            index + expected.count <= bytes.count
                && (0..<expected.count).allSatisfy { bytes[index + $0] == expected[$0] }
        }
    }

    /// The index where `text` next occurs, from the current position.
    private func find(_ text: StaticString) -> Int? {
        text.withUTF8Buffer { expected -> Int? in
            guard let first = expected.first else { return nil }
            var position = index
            while position + expected.count <= bytes.count {
                if bytes[position] == first, (1..<expected.count).allSatisfy({ bytes[position + $0] == expected[$0] }) {
                    return position
                }
                position += 1
            }
            return nil
        }
    }

    private mutating func skip(past text: StaticString) {
        index = find(text).map { $0 + text.utf8CodeUnitCount } ?? bytes.count
    }

    /// `<!DOCTYPE … [ internal subset ]>` and other declarations.
    private mutating func skipDeclaration() {
        var inSubset = false
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "[") { inSubset = true }
            if byte == UInt8(ascii: "]") { inSubset = false }
            if byte == UInt8(ascii: ">"), !inSubset { return }
        }
    }

    private mutating func text() -> XMLToken {
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
        return .text(Self.decodeEntities(bytes[start..<index]))
    }

    /// A start or end tag; nil when the input ends inside it.
    private mutating func tag() -> XMLToken? {
        index += 1
        let closing = index < bytes.count && bytes[index] == UInt8(ascii: "/")
        if closing { index += 1 }
        let name = self.name()
        var attributes: [String: String] = [:]
        var selfClosing = false
        while index < bytes.count {
            skipSpace()
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") {
                index += 1
                if name.isEmpty { return .text("") }
                return closing ? .end(name: name) : .start(name: name, attributes: attributes, selfClosing: selfClosing)
            }
            if byte == UInt8(ascii: "/") {
                selfClosing = true
                index += 1
                continue
            }
            let attribute = self.name()
            guard !attribute.isEmpty else {
                index += 1  // a stray character: skip it
                continue
            }
            skipSpace()
            var value = ""
            if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
                index += 1
                skipSpace()
                value = attributeValue()
            }
            if attributes.count < Self.maxAttributes { attributes[attribute] = value }
        }
        return nil
    }

    private mutating func name() -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
                || byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
            {
                break
            }
            index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self).lowercased()
    }

    private mutating func attributeValue() -> String {
        guard index < bytes.count else { return "" }
        let quote = bytes[index]
        let start: Int
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            index += 1
            start = index
            while index < bytes.count, bytes[index] != quote { index += 1 }
            let value = Self.decodeEntities(bytes[start..<index])
            if index < bytes.count { index += 1 }
            return value
        }
        start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: ">"), bytes[index] > 0x20 { index += 1 }
        return Self.decodeEntities(bytes[start..<index])
    }

    private mutating func skipSpace() {
        while index < bytes.count,
            bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D
        {
            index += 1
        }
    }

    /// `bytes` as text with XML's five named entities and numeric references decoded; anything
    /// else stays as written. Works on bytes: feeds can be large and mostly text.
    static func decodeEntities(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "&"),
                let semicolon = bytes[index..<min(bytes.endIndex, index + 12)].firstIndex(of: UInt8(ascii: ";")),
                let decoded = decode(bytes[(index + 1)..<semicolon])
            else {
                output.append(byte)
                index += 1
                continue
            }
            output.append(contentsOf: decoded)
            index = semicolon + 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func decode(_ entity: ArraySlice<UInt8>) -> [UInt8]? {
        switch String(decoding: entity, as: UTF8.self) {
        case "amp": return [UInt8(ascii: "&")]
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "quot": return [UInt8(ascii: "\"")]
        case "apos": return [UInt8(ascii: "'")]
        case let name:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value =
                digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
            return Array(String(Character(scalar)).utf8)
        }
    }
}
