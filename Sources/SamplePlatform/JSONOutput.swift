#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A value that is always written, as JSON `null` when absent (synthesised `Encodable` would
/// leave an absent optional out, but Mastodon's and the Parler-style API's shapes print null).
struct JSONNullable<Wrapped: Encodable & Sendable>: Encodable, Sendable {
    let value: Wrapped?

    init(_ value: Wrapped?) { self.value = value }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}

/// Encodes API responses: sorted keys for byte-stable output (and so stable ETags and digests).
enum JSONOutput {
    static func encode(_ value: some Encodable, escapeSlashes: Bool = false) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = escapeSlashes ? [.sortedKeys] : [.sortedKeys, .withoutEscapingSlashes]
        // The types here hold only strings, numbers, booleans, arrays and nulls, which always encode.
        return (try? Array(encoder.encode(value))) ?? Array("{}".utf8)
    }
}
