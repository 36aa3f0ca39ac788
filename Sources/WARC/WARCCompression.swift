/// How a WARC file is compressed, as `WARCReader` detects it from its first bytes.
public enum WARCCompression: Sendable, Hashable, CaseIterable {
    /// A plain `.warc`.
    case none
    /// `.warc.gz`: one gzip member per record (WARC 1.1 Annex D), or the whole file as one.
    case gzip
    /// `.warc.zst`: one zstd frame per record, optionally after a dictionary (IIPC "Zstandard
    /// Compression for WARC Files 1.0"), or the whole file as one frame.
    case zstd

    /// The file-name ending of a WARC file compressed so.
    public var fileSuffix: String {
        switch self {
        case .none: ".warc"
        case .gzip: ".warc.gz"
        case .zstd: ".warc.zst"
        }
    }

    /// Every WARC file-name ending vestige reads: the one list the folders' listings, the WACZ
    /// reader and the importers share.
    public static let fileSuffixes = allCases.map(\.fileSuffix)

    /// The WARC ending `name` has (compared case-insensitively), nil when it is no WARC file name.
    public static func fileSuffix(of name: String) -> String? {
        let lower = name.lowercased()
        return longestSuffixFirst.first { lower.hasSuffix($0) }
    }

    private static let longestSuffixFirst = fileSuffixes.sorted { $0.count > $1.count }

    /// The first bytes of every zstd frame (magic 0xFD2FB528, little-endian).
    static let zstdFrameMagic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]
    /// The first bytes of the skippable frame that carries a `.warc.zst` dictionary (0x184D2A5D).
    static let zstdDictionaryMagic: [UInt8] = [0x5D, 0x2A, 0x4D, 0x18]

    /// The compression `head` (a file's first bytes at a record's offset) starts; `.none` for
    /// anything else, which the reader then reads as a plain WARC.
    static func detect(_ head: [UInt8]) -> WARCCompression {
        if head.first == 0x1F && (head.count == 1 || head[1] == 0x8B) { return .gzip }
        if head.count >= 4 {
            if head.starts(with: zstdFrameMagic) || isSkippableFrame(head) { return .zstd }
        } else if !head.isEmpty, zstdFrameMagic.starts(with: head) {
            // The file ends inside a frame magic: read as zstd, reported as truncated.
            return .zstd
        }
        return .none
    }

    /// True when `bytes` start with a zstd skippable-frame magic (0x184D2A50 to 0x184D2A5F,
    /// little-endian): a dictionary or an extension frame that is not a record.
    static func isSkippableFrame(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        guard let first = iterator.next(), let second = iterator.next(), let third = iterator.next(),
            let fourth = iterator.next()
        else { return false }
        return first & 0xF0 == 0x50 && second == 0x2A && third == 0x4D && fourth == 0x18
    }
}
