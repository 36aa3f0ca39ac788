/// A single `Range: bytes=…` request (RFC 9110 §14), resolved against a representation's length.
enum ByteRange: Equatable, Sendable {
    /// Serve bytes `lower...upper` with 206.
    case satisfiable(lower: Int, upper: Int)
    /// 416 with `Content-Range: bytes */length`.
    case unsatisfiable
    /// No usable Range header (absent, another unit, several ranges, bad syntax): serve all with 200.
    case ignored

    init(header: String?, length: Int) {
        guard let header else {
            self = .ignored
            return
        }
        let trimmed = header.trimmingSpaces
        guard trimmed.lowercased().hasPrefix("bytes=") else {
            self = .ignored
            return
        }
        let spec = String(trimmed.dropFirst("bytes=".count)).trimmingSpaces
        // Several ranges would need multipart/byteranges; a server may answer those with 200.
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else {
            self = .ignored
            return
        }
        let first = String(spec[..<dash]).trimmingSpaces
        let last = String(spec[spec.index(after: dash)...]).trimmingSpaces
        switch (Self.number(first), Self.number(last)) {
        case (nil, let suffix?) where first.isEmpty:
            // bytes=-n: the last n bytes.
            guard suffix > 0, length > 0 else {
                self = .unsatisfiable
                return
            }
            self = .satisfiable(lower: max(0, length - suffix), upper: length - 1)
        case (let lower?, nil) where last.isEmpty:
            self = lower < length ? .satisfiable(lower: lower, upper: length - 1) : .unsatisfiable
        case (let lower?, let upper?) where lower <= upper:
            self = lower < length ? .satisfiable(lower: lower, upper: min(upper, length - 1)) : .unsatisfiable
        default:
            self = .ignored
        }
    }

    private static func number(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 18, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int(text)
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var scalars = Substring(self)
        while scalars.first == " " || scalars.first == "\t" { scalars.removeFirst() }
        while scalars.last == " " || scalars.last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
