/// Finds the elements of the top-level JSON array of an `exiftool -json` file without parsing
/// them, so that each object is parsed on its own (`JSONParser`), a malformed one is reported by
/// its index, and the rest of the file is still imported.
///
/// Only strings, escapes and bracket depth are tracked: enough to find the commas between
/// elements. An element whose brackets do not balance runs to the end of the file and is
/// reported as unterminated.
struct ExifToolArraySplitter {
    /// One element's bytes and where they are in the file.
    struct Element {
        /// 0-based index in the array.
        var index: Int
        /// Byte offset of the element's first byte.
        var offset: Int
        /// The element's bytes (no surrounding white space).
        var bytes: ArraySlice<UInt8>
        /// Set when the file ended inside the element.
        var unterminated: Bool
    }

    /// Why the file is not a JSON array at all.
    enum Failure: Error, Equatable {
        /// The first non-space byte is not `[`.
        case notAnArray
    }

    private let bytes: [UInt8]
    private var position: Int
    private var nextIndex = 0
    private var finished = false
    /// True once the closing `]` was seen.
    private(set) var closed = false
    /// Bytes after the closing `]` that are not white space (set at the end).
    private(set) var trailingGarbageOffset: Int?

    /// A splitter over the whole file; throws unless it starts (after white space, and a UTF-8
    /// byte order mark) with `[`.
    init(_ bytes: [UInt8]) throws(Failure) {
        self.bytes = bytes
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count, Self.isSpace(bytes[start]) { start += 1 }
        guard start < bytes.count, bytes[start] == UInt8(ascii: "[") else { throw .notAnArray }
        position = start + 1
    }

    /// The next element, nil at the end of the array (or of the file).
    mutating func next() -> Element? {
        guard !finished else { return nil }
        skipSpace()
        if nextIndex == 0, position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            return finish(after: position)
        }
        guard position < bytes.count else {
            finished = true
            return nil
        }
        let start = position
        var depth = 0
        var inString = false
        var escaped = false
        while position < bytes.count {
            let byte = bytes[position]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""):
                    inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}") where depth > 0, UInt8(ascii: "]") where depth > 0:
                    depth -= 1
                case UInt8(ascii: ","), UInt8(ascii: "]"):
                    // Inside an object or array a comma belongs to it; at the top it ends the element.
                    guard depth == 0 else { break }
                    let element = makeElement(start: start, end: position, unterminated: false)
                    if byte == UInt8(ascii: "]") {
                        _ = finish(after: position)
                    } else {
                        position += 1
                    }
                    return element
                default:
                    break
                }
            }
            position += 1
        }
        finished = true
        return makeElement(start: start, end: position, unterminated: true)
    }

    private mutating func makeElement(start: Int, end: Int, unterminated: Bool) -> Element {
        var last = end
        while last > start, Self.isSpace(bytes[last - 1]) { last -= 1 }
        defer { nextIndex += 1 }
        return Element(index: nextIndex, offset: start, bytes: bytes[start..<last], unterminated: unterminated)
    }

    /// Marks the end at the `]` at `bracket` and notes any text after it.
    private mutating func finish(after bracket: Int) -> Element? {
        finished = true
        closed = true
        var index = bracket + 1
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
        if index < bytes.count { trailingGarbageOffset = index }
        return nil
    }

    private mutating func skipSpace() {
        while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
