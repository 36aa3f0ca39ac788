/// A file known only in pieces (the byte ranges a header-only crawl fetched), of a known size.
///
/// Reads return the bytes available from `offset` up to the first gap; a read starting in a gap
/// returns nothing, which parsers treat like the end of the file. Media parsers read headers,
/// not sample data, so the ranges that hold the headers are enough to parse them.
public struct SparseByteSource: ByteSource {
    /// The pieces, sorted by offset, overlaps merged.
    public let segments: [(offset: Int, bytes: [UInt8])]
    public let size: Int

    /// A source of `size` bytes of which `segments` (offset, bytes) are known; bytes past `size`
    /// are dropped.
    public init(size: Int, segments: [(offset: Int, bytes: [UInt8])]) {
        self.size = max(0, size)
        var merged: [(offset: Int, bytes: [UInt8])] = []
        for segment in segments.sorted(by: { $0.offset < $1.offset }) where segment.offset >= 0 {
            let bytes = Array(segment.bytes.prefix(max(0, self.size - segment.offset)))
            guard !bytes.isEmpty else { continue }
            if let last = merged.last, segment.offset <= last.offset + last.bytes.count {
                let overlap = last.offset + last.bytes.count - segment.offset
                if overlap < bytes.count { merged[merged.count - 1].bytes += bytes[overlap...] }
            } else {
                merged.append((segment.offset, bytes))
            }
        }
        self.segments = merged
    }

    /// How many bytes are known.
    public var knownBytes: Int { segments.reduce(0) { $0 + $1.bytes.count } }

    public func read(at offset: Int, count: Int) throws(ByteSourceError) -> [UInt8] {
        guard offset >= 0, count > 0, offset < size else { return [] }
        guard let segment = segments.last(where: { $0.offset <= offset }),
            offset < segment.offset + segment.bytes.count
        else { return [] }
        let start = offset - segment.offset
        return Array(segment.bytes[start..<min(segment.bytes.count, start + count)])
    }
}
