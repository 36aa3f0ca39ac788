/// Reads the part of TOML 1.0 that configuration files use: `# comments`, `[table]` and
/// `[table.sub]` headers, `key = value` with bare or quoted keys, basic and literal strings,
/// integers, floats, booleans and arrays (also over several lines).
///
/// No TOML package resolves here (TOMLKit needs a package this machine does not have), and a
/// configuration needs no more than this. Anything outside the subset (dates, inline tables,
/// dotted keys, arrays of tables) is an error naming the line, never silently skipped.
struct TOMLSubsetParser {
    /// A problem in the file, with its 1-based line.
    struct ParseError: Error, Equatable, CustomStringConvertible {
        let line: Int
        let message: String
        var description: String { "line \(line): \(message)" }
    }

    private let bytes: [UInt8]
    private var position = 0
    private var line = 1

    /// Parses `text` into its root table.
    static func parse(_ text: String) throws(ParseError) -> [String: TOMLValue] {
        var parser = TOMLSubsetParser(bytes: Array(text.utf8))
        return try parser.document()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private func fail(_ message: String) -> ParseError { ParseError(line: line, message: message) }

    private mutating func document() throws(ParseError) -> [String: TOMLValue] {
        var root: [String: TOMLValue] = [:]
        var tablePath: [String] = []
        var definedTables: Set<[String]> = []
        while true {
            skipBlank(newlines: true)
            guard let byte = current else { return root }
            if byte == UInt8(ascii: "[") {
                position += 1
                if current == UInt8(ascii: "[") { throw fail("arrays of tables ([[…]]) are not supported") }
                tablePath = try keyPath(until: UInt8(ascii: "]"))
                position += 1
                guard definedTables.insert(tablePath).inserted else {
                    throw fail("table [\(tablePath.joined(separator: "."))] is defined twice")
                }
                try insert(.table([:]), at: tablePath, into: &root)
            } else {
                let keys = try keyPath(until: UInt8(ascii: "="))
                guard keys.count == 1 else { throw fail("dotted keys are not supported; use a [table]") }
                position += 1
                skipBlank(newlines: false)
                let value = try value()
                try insert(value, at: tablePath + keys, into: &root)
            }
            skipBlank(newlines: false)
            if let byte = current, byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") {
                throw fail("unexpected text after the value")
            }
        }
    }

    private func insert(
        _ value: TOMLValue, at path: [String], into table: inout [String: TOMLValue]
    ) throws(ParseError) {
        guard let first = path.first else { return }
        if path.count == 1 {
            if let existing = table[first] {
                if case .table = existing, case .table = value { return }
                throw fail("key \(first) is given twice")
            }
            table[first] = value
            return
        }
        var inner: [String: TOMLValue]
        switch table[first] {
        case nil: inner = [:]
        case .table(let existing)?: inner = existing
        default: throw fail("\(first) is not a table")
        }
        try insert(value, at: Array(path.dropFirst()), into: &inner)
        table[first] = .table(inner)
    }

    /// `a.b."c d"` up to `terminator` (not consumed).
    private mutating func keyPath(until terminator: UInt8) throws(ParseError) -> [String] {
        var keys: [String] = []
        while true {
            skipBlank(newlines: false)
            guard let byte = current else { throw fail("unfinished key") }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                keys.append(try string())
            } else {
                let start = position
                while let byte = current, Self.isBareKey(byte) { position += 1 }
                guard position > start else { throw fail("expected a key") }
                keys.append(String(decoding: bytes[start..<position], as: UTF8.self))
            }
            skipBlank(newlines: false)
            guard let next = current else { throw fail("unfinished key") }
            if next == terminator { return keys }
            guard next == UInt8(ascii: ".") else { throw fail("unexpected character in a key") }
            position += 1
        }
    }

    private static func isBareKey(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    private mutating func value(depth: Int = 0) throws(ParseError) -> TOMLValue {
        guard depth < 32 else { throw fail("arrays nested too deeply") }
        guard let byte = current else { throw fail("expected a value") }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return .string(try string())
        case UInt8(ascii: "["):
            position += 1
            var items: [TOMLValue] = []
            while true {
                skipBlank(newlines: true)
                if current == UInt8(ascii: "]") {
                    position += 1
                    return .array(items)
                }
                items.append(try value(depth: depth + 1))
                skipBlank(newlines: true)
                if current == UInt8(ascii: ",") {
                    position += 1
                } else if current != UInt8(ascii: "]") {
                    throw fail("expected , or ] in an array")
                }
            }
        case UInt8(ascii: "{"):
            throw fail("inline tables are not supported; use a [table]")
        default:
            let start = position
            while let byte = current, !Self.endsScalar(byte) { position += 1 }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            if text == "true" { return .boolean(true) }
            if text == "false" { return .boolean(false) }
            let digits = text.filter { $0 != "_" }
            if let integer = Int(digits) { return .integer(integer) }
            if digits.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let number = Double(digits),
                number.isFinite
            {
                return .float(number)
            }
            throw fail("'\(text)' is not a value vestige.toml understands (strings need quotes)")
        }
    }

    private static func endsScalar(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: " ")
            || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
            || byte == UInt8(ascii: "#")
    }

    /// A basic ("…", with escapes) or literal ('…') string on one line.
    private mutating func string() throws(ParseError) -> String {
        guard let quote = current else { throw fail("expected a string") }
        if bytes[position...].starts(with: [quote, quote, quote]) {
            throw fail("multi-line strings are not supported")
        }
        position += 1
        var out: [UInt8] = []
        while let byte = current {
            position += 1
            if byte == quote { return String(decoding: out, as: UTF8.self) }
            if byte == UInt8(ascii: "\n") { break }
            if byte == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") {
                guard let escaped = current else { break }
                position += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(escaped)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let length = escaped == UInt8(ascii: "u") ? 4 : 8
                    guard position + length <= bytes.count,
                        let scalarValue = UInt32(
                            String(decoding: bytes[position..<position + length], as: UTF8.self), radix: 16),
                        let scalar = Unicode.Scalar(scalarValue)
                    else { throw fail("bad \\u escape") }
                    position += length
                    out += Array(String(Character(scalar)).utf8)
                default: throw fail("unknown escape \\\(Character(Unicode.Scalar(escaped)))")
                }
            } else {
                out.append(byte)
            }
        }
        throw fail("unterminated string")
    }

    /// Skips spaces, tabs and comments, and newlines when `newlines`.
    private mutating func skipBlank(newlines: Bool) {
        while let byte = current {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                position += 1
            } else if byte == UInt8(ascii: "#") {
                while let byte = current, byte != UInt8(ascii: "\n") { position += 1 }
            } else if newlines && (byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")) {
                if byte == UInt8(ascii: "\n") { line += 1 }
                position += 1
            } else {
                return
            }
        }
    }
}
