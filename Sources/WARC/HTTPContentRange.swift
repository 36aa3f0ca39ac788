/// A `Content-Range: bytes FIRST-LAST/TOTAL` header of a 206 response (RFC 9110 §14.4).
public struct HTTPContentRange: Sendable, Equatable {
    /// Offset of the first byte sent.
    public let first: Int
    /// Offset of the last byte sent (inclusive).
    public let last: Int
    /// The whole representation's length.
    public let total: Int

    /// Parses the header; nil for other units, an unknown total (`*`) or inconsistent numbers.
    public init?(_ value: String?) {
        guard let value else { return nil }
        let trimmed = value.trimmingPrefix(while: { $0 == " " })
        guard trimmed.lowercased().hasPrefix("bytes ") else { return nil }
        let spec = trimmed.dropFirst(6).filter { $0 != " " }
        let parts = spec.split(separator: "/", maxSplits: 1)
        guard parts.count == 2, let total = Int(parts[1]) else { return nil }
        let bounds = parts[0].split(separator: "-", maxSplits: 1)
        guard bounds.count == 2, let first = Int(bounds[0]), let last = Int(bounds[1]),
            first >= 0, first <= last, last < total
        else { return nil }
        self.first = first
        self.last = last
        self.total = total
    }
}
