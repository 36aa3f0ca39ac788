/// An ordered list of header fields with case-insensitive lookup, as found in WARC record
/// headers, HTTP heads and `application/warc-fields` blocks. Order and repeated names are kept.
public struct WARCHeaders: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// The fields in the order they were added or read.
    public private(set) var fields: [WARCHeaderField]

    /// Headers holding `fields`, in that order.
    public init(_ fields: [WARCHeaderField] = []) {
        self.fields = fields
    }

    /// Headers from `name: value` pairs, in order (a dictionary literal keeps its written order).
    public init(dictionaryLiteral elements: (String, String)...) {
        self.fields = elements.map { WARCHeaderField(name: $0.0, value: $0.1) }
    }

    /// The number of fields.
    public var count: Int { fields.count }

    /// Iterates the fields in order.
    public func makeIterator() -> IndexingIterator<[WARCHeaderField]> { fields.makeIterator() }

    /// The value of the first field called `name` (compared case-insensitively), or nil.
    public subscript(name: String) -> String? {
        fields.first { Self.namesEqual($0.name, name) }?.value
    }

    /// The values of every field called `name`, in order.
    public func values(for name: String) -> [String] {
        fields.filter { Self.namesEqual($0.name, name) }.map(\.value)
    }

    /// True when at least one field is called `name`.
    public func contains(_ name: String) -> Bool {
        fields.contains { Self.namesEqual($0.name, name) }
    }

    /// Adds a field at the end, keeping any earlier field of the same name.
    public mutating func append(_ name: String, _ value: String) {
        fields.append(WARCHeaderField(name: name, value: value))
    }

    /// Sets the single value of `name`: replaces the first field of that name in place and
    /// removes the others, or appends a new field when there is none.
    public mutating func set(_ name: String, _ value: String) {
        guard let first = fields.firstIndex(where: { Self.namesEqual($0.name, name) }) else {
            append(name, value)
            return
        }
        fields[first].value = value
        var index = fields.count - 1
        while index > first {
            if Self.namesEqual(fields[index].name, name) { fields.remove(at: index) }
            index -= 1
        }
    }

    /// Removes every field called `name`.
    public mutating func remove(_ name: String) {
        fields.removeAll { Self.namesEqual($0.name, name) }
    }

    /// The fields as `Name: value\r\n` lines (no blank line after them). CR, LF and other control
    /// characters inside names or values are replaced by spaces so a value can never inject a
    /// header line.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(fields.count * 48)
        for field in fields {
            Self.appendSanitized(field.name, to: &out)
            out.append(UInt8(ascii: ":"))
            out.append(UInt8(ascii: " "))
            Self.appendSanitized(field.value, to: &out)
            out.append(13)
            out.append(10)
        }
        return out
    }

    static func appendSanitized(_ text: String, to out: inout [UInt8]) {
        for byte in text.utf8 {
            out.append(byte < 0x20 || byte == 0x7F ? UInt8(ascii: " ") : byte)
        }
    }

    /// ASCII case-insensitive comparison; header names are ASCII tokens.
    static func namesEqual(_ a: String, _ b: String) -> Bool {
        let x = a.utf8
        let y = b.utf8
        guard x.count == y.count else { return false }
        for (p, q) in zip(x, y) where ASCII.lower(p) != ASCII.lower(q) {
            return false
        }
        return true
    }
}
