import BinaryParsing

/// Reads Canon's CIFF heap ("HEAPJPGM" in a JPEG APP0 segment of early PowerShots, "HEAPCCDR"
/// in CRW raw files): make, model and the capture time.
///
/// A heap block ends with a 4-byte offset to its directory: an entry count, then 10-byte entries
/// (tag, size, offset). Tags with bit 14 set keep their value inside the entry; types 0x2800 and
/// 0x3000 are sub-heaps. Recursion and entry counts are capped.
enum CIFFParser {
    static let maxDepth = 8
    static let maxEntries = 1024

    /// True when `bytes` start with a CIFF header.
    static func isHeap(_ bytes: ArraySlice<UInt8>) -> Bool {
        let reader = ByteReader(bytes)
        guard let signature = reader.slice(at: 6, count: 4) else { return false }
        return (bytes.starts(with: [0x49, 0x49]) || bytes.starts(with: [0x4D, 0x4D]))
            && signature.elementsEqual("HEAP".utf8)
    }

    /// Parses a heap held in memory; `container` names where it came from.
    static func parse(_ bytes: ArraySlice<UInt8>, container: String, into metadata: inout MediaMetadata) {
        guard isHeap(bytes) else { return }
        let reader = ByteReader(bytes, endianness: bytes.first == 0x49 ? .little : .big)
        guard let headerLength = reader.uint32(at: 2).map(Int.init), headerLength < reader.count else { return }
        var budget = maxEntries
        block(
            reader, start: headerLength, end: reader.count, depth: 0, budget: &budget, container: container,
            into: &metadata)
    }

    private static func block(
        _ reader: ByteReader, start: Int, end: Int, depth: Int, budget: inout Int, container: String,
        into metadata: inout MediaMetadata
    ) {
        guard depth < maxDepth, end - start >= 4, let tableOffset = reader.uint32(at: end - 4).map(Int.init),
            let count = reader.uint16(at: start + tableOffset).map(Int.init)
        else { return }
        for index in 0..<min(count, budget) {
            budget -= 1
            let entry = start + tableOffset + 2 + index * 10
            guard let tag = reader.uint16(at: entry), let size = reader.uint32(at: entry + 2).map(Int.init),
                let offset = reader.uint32(at: entry + 6).map(Int.init)
            else { return }
            let inEntry = tag & 0xC000 == 0x4000
            let valueStart = inEntry ? entry + 2 : start + offset
            let valueLength = inEntry ? 8 : size
            guard valueStart >= start, valueLength >= 0, valueStart <= end - valueLength else { continue }
            let type = tag & 0x3800
            let source = "\(container):CIFF:0x\(TIFFParser.hex(tag & 0x3FFF))"
            if type == 0x2800 || type == 0x3000 {
                block(
                    reader, start: valueStart, end: valueStart + valueLength, depth: depth + 1, budget: &budget,
                    container: container, into: &metadata)
                continue
            }
            switch tag & 0x3FFF {
            case 0x080A:  // make NUL model NUL
                guard let value = reader.slice(at: valueStart, count: valueLength) else { continue }
                let parts = value.split(separator: 0, omittingEmptySubsequences: false)
                if let make = parts.first {
                    metadata.set(.make, text: String(decoding: make, as: UTF8.self), source: source)
                }
                if parts.count > 1 {
                    metadata.set(.model, text: String(decoding: parts[1], as: UTF8.self), source: source)
                }
            case 0x180E:  // seconds since 1970, then time zone code and info
                guard let seconds = reader.uint32(at: valueStart), valueLength >= 4 else { continue }
                metadata.set(.dateTimeOriginal, .text(MetadataDate.fromUnix(seconds: Int64(seconds))), source: source)
            default:
                continue
            }
        }
    }
}
