/// A forgiving, bounded JSON reader for responses from the wire.
///
/// Unlike a strict parser it salvages what it can from hostile or cut-off input, and it never
/// recurses deeper than `maxDepth` or builds more than `maxValues` values:
/// - nesting deeper than `maxDepth` is skipped (read as `null`) without recursion;
/// - a cut-off or broken array keeps its complete elements and drops the broken one;
/// - an object keeps the members read before the break (and a broken array or object member);
/// - invalid UTF-8 in strings is repaired with U+FFFD.
/// `complete` says whether the whole input was one well-formed value.
struct JSONReader {
    /// Deepest nesting kept; deeper values read as null.
    static let maxDepth = 64
    /// Most values built from one input; past it, reading stops as if the input ended.
    static let maxValues = 2_000_000
    /// Most bytes read.
    static let maxBytes = 64 << 20

    /// What was read.
    struct Result {
        /// The value, possibly partial; nil when nothing usable was read.
        var value: JSONValue?
        /// Whether the input was exactly one complete, well-formed JSON value.
        var complete: Bool
    }

    private let bytes: [UInt8]
    private var index = 0
    private var failed = false
    private var values = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Reads `bytes` (a UTF-8 byte order mark is skipped).
    static func read(_ bytes: [UInt8]) -> Result {
        var reader = JSONReader(bytes.count > maxBytes ? Array(bytes.prefix(maxBytes)) : bytes)
        if reader.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.index = 3 }
        reader.skipWhitespace()
        let value = reader.value(depth: 0)
        reader.skipWhitespace()
        let complete = !reader.failed && reader.index == reader.bytes.count && bytes.count <= maxBytes
        return Result(value: value, complete: complete)
    }

    /// Reads `bytes` and returns the value only when it is complete.
    static func parse(_ bytes: [UInt8]) -> JSONValue? {
        let result = read(bytes)
        return result.complete ? result.value : nil
    }

    private mutating func skipWhitespace() {
        while index < bytes.count,
            bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D
        {
            index += 1
        }
    }

    private mutating func value(depth: Int) -> JSONValue? {
        guard index < bytes.count, values < Self.maxValues else {
            failed = true
            return nil
        }
        values += 1
        switch bytes[index] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < Self.maxDepth else {
                skipContainer()
                return failed ? nil : .null
            }
            return bytes[index] == UInt8(ascii: "{") ? object(depth: depth + 1) : array(depth: depth + 1)
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
        default:
            failed = true
            return nil
        }
    }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) -> JSONValue? {
        let count = word.utf8CodeUnitCount
        let matches = word.withUTF8Buffer { expected in
            index + count <= bytes.count && (0..<count).allSatisfy { bytes[index + $0] == expected[$0] }
        }
        guard matches else {
            failed = true
            return nil
        }
        index += count
        return value
    }

    private mutating func array(depth: Int) -> JSONValue {
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            // A broken element is dropped: only whole elements are kept.
            guard let item = value(depth: depth), !failed else { return .array(items) }
            items.append(item)
            skipWhitespace()
            guard index < bytes.count else {
                failed = true
                return .array(items)
            }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            } else {
                failed = true
                return .array(items)
            }
        }
    }

    private mutating func object(depth: Int) -> JSONValue {
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = string() else {
                failed = true
                return .object(members)
            }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                failed = true
                return .object(members)
            }
            index += 1
            skipWhitespace()
            let member = value(depth: depth)
            if failed {
                // Keep a cut-off list or object (its whole elements are usable); drop a cut-off scalar.
                if let member, case .array = member { members.append((key, member)) }
                if let member, case .object = member { members.append((key, member)) }
                return .object(members)
            }
            if let member { members.append((key, member)) }
            skipWhitespace()
            guard index < bytes.count else {
                failed = true
                return .object(members)
            }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            } else {
                failed = true
                return .object(members)
            }
        }
    }

    /// Skips a too-deep array or object by counting brackets outside strings (no recursion).
    private mutating func skipContainer() {
        var open = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                open += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                open -= 1
                if open == 0 { return }
            case UInt8(ascii: "\""):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                index += 1
            default:
                break
            }
        }
        index = bytes.count
        failed = true
    }

    private mutating func number() -> JSONValue? {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let digitsStart = index
        while index < bytes.count, isNumberByte(bytes[index]) { index += 1 }
        let literal = String(decoding: bytes[start..<index], as: UTF8.self)
        guard index > digitsStart, Double(literal) != nil else {
            failed = true
            return nil
        }
        return .number(literal)
    }

    private func isNumberByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
            || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
    }

    private mutating func string() -> String? {
        index += 1
        let start = index
        // Fast path: no escapes.
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
            index += 1
        }
        guard index < bytes.count else {
            failed = true
            return nil
        }
        if bytes[index] == UInt8(ascii: "\"") {
            index += 1
            return String(decoding: bytes[start..<(index - 1)], as: UTF8.self)
        }
        var buffer = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\"") { return String(decoding: buffer, as: UTF8.self) }
            guard byte == UInt8(ascii: "\\") else {
                buffer.append(byte)
                continue
            }
            guard index < bytes.count else { break }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                guard var code = hex4() else { break }
                if (0xD800..<0xDC00).contains(code), index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"),
                    bytes[index + 1] == UInt8(ascii: "u")
                {
                    index += 2
                    if let low = hex4(), (0xDC00..<0xE000).contains(low) {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                }
                let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                // `\"`, `\\`, `\/` and (leniently) any other escaped byte stand for themselves.
                buffer.append(escape)
            }
        }
        failed = true
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: return nil
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
