import BinaryParsing

/// Reads ISO base media files (MP4, QuickTime MOV, 3GP, HEIF/HEIC/AVIF).
///
/// Only top-level box headers are read from the source, so `mdat` (the media, possibly gigabytes,
/// often before `moov` on phones) is skipped by seeking. `moov` and `meta` are loaded into memory
/// and walked there by `QuickTimeMovie`, `QuickTimeMetadata` and `HEIFMeta`, which descend only
/// into the containers they know; that keeps nesting at most 6 deep whatever the file claims.
/// A `moov` or `meta` cut off by the end of the file (an interrupted download) is still read:
/// its complete children are good, and the cut one is dropped.
enum ISOBMFFParser {
    /// Boxes read per level; hostile files can hold millions of tiny boxes.
    static let maxBoxesPerLevel = 10_000
    /// Largest `moov` or `meta` loaded into memory; real ones are kilobytes to a few megabytes.
    static let maxInMemoryBoxSize = 64 << 20
    /// Longest top-level `IDIT` date read; real ones are 25 bytes.
    static let maxDateAtomSize = 256

    /// Reads the boxes of `source` into `metadata`; throws only when the source fails to read.
    static func parse(_ source: some ByteSource, format: MediaFormat, into metadata: inout MediaMetadata)
        throws(ByteSourceError)
    {
        var offset = 0
        var count = 0
        while offset < source.size {
            guard count < maxBoxesPerLevel else {
                metadata.warn("ISO-BMFF: more than \(maxBoxesPerLevel) top-level boxes; the rest is skipped")
                return
            }
            count += 1
            // 32 bytes: a 64-bit size and a uuid box's extended type.
            let head = try source.read(at: offset, count: 32)
            let header: ISOBMFFBoxHeader
            switch ISOBMFFBoxHeader.parse(head[...], available: source.size - offset) {
            case .box(let found): header = found
            case .padding: return
            case .invalid(let reason):
                metadata.warn("ISO-BMFF: \(reason) at offset \(offset)")
                return
            }
            if header.isTruncated {
                metadata.warn(
                    "ISO-BMFF: box '\(header.type)' at offset \(offset) runs past the end of the file (truncated)")
            }
            if header.type == "uuid", !header.isTruncated,
                ByteReader(head).slice(at: header.headerSize - 16, count: 16)?.elementsEqual(QuickTimeXMP.uuid) == true,
                let payload = try load(header, at: offset, from: source, into: &metadata)
            {
                QuickTimeXMP.parse(payload, path: "uuid", into: &metadata)
            } else if header.type == "IDIT", !header.isTruncated, header.payloadSize <= maxDateAtomSize {
                // Dash cams' capture time, "2019-03-04T05:06:07+0000"; exiftool only turns dashes into colons.
                let text = QuickTimeUserData.decodedText(
                    try source.read(at: offset + header.headerSize, count: header.payloadSize)[...])
                let date = String(text.map { $0 == "-" ? ":" : $0 })
                metadata.setLatest(.dateTimeOriginal, .text(date), source: "QuickTime:IDIT", priority: .primary)
            } else if header.type == "moov" || header.type == "meta",
                let payload = try load(header, at: offset, from: source, into: &metadata)
            {
                if header.type == "moov" {
                    QuickTimeMovie.parse(payload, into: &metadata)
                } else if format == .heic || format == .avif {
                    try HEIFMeta.parse(payload, source: source, into: &metadata)
                } else {
                    QuickTimeMetadata.parse(payload, path: "meta", into: &metadata)
                }
            }
            if header.isTruncated { return }
            offset += header.size
        }
    }

    /// The payload of the box at `offset`, or nil (with a warning) when it is too large to hold.
    private static func load(
        _ header: ISOBMFFBoxHeader, at offset: Int, from source: some ByteSource, into metadata: inout MediaMetadata
    ) throws(ByteSourceError) -> ArraySlice<UInt8>? {
        guard header.payloadSize <= maxInMemoryBoxSize else {
            metadata.warn(
                "ISO-BMFF: box '\(header.type)' at offset \(offset) is \(header.size) bytes; too large to read")
            return nil
        }
        return try source.read(at: offset + header.headerSize, count: header.payloadSize)[...]
    }
}
