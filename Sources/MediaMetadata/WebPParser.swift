import BinaryParsing

/// Reads WebP (RIFF) chunks: VP8X/VP8/VP8L size, `EXIF` and `XMP ` chunks, and the frames
/// (`ANMF`) of an animation, whose durations add up to exiftool's Duration.
enum WebPParser {
    static let maxChunks = 10_000
    static let maxMetadataChunk = 16 << 20

    static func parse(_ file: some ByteSource, into metadata: inout MediaMetadata) throws(ByteSourceError) {
        var offset = 12
        var animation = Animation()
        defer { animation.apply(to: &metadata) }
        for _ in 0..<maxChunks {
            guard let head = try file.readExactly(at: offset, count: 8) else { return }
            let reader = ByteReader(head, endianness: .little)
            guard let length = reader.uint32(at: 4).map(Int.init) else { return }
            let name = String(decoding: head[0..<4], as: UTF8.self)
            let dataOffset = offset + 8
            guard dataOffset + length <= file.size else {
                metadata.warn("WebP chunk '\(name)' at offset \(offset) runs past the end")
                return
            }
            switch name {
            case "VP8X", "VP8 ", "VP8L":
                let data = try file.read(at: dataOffset, count: min(length, 10))
                size(chunk: name, data, into: &metadata)
            case "ANMF":
                // Frame header: X, Y, width-1, height-1 (24 bits each), duration (24 bits), flags.
                let header = try file.read(at: dataOffset, count: min(length, 16))
                animation.add(frame: header, at: offset, into: &metadata)
            case "EXIF", "XMP ":
                guard length <= maxMetadataChunk else {
                    metadata.warn("WebP chunk '\(name)' is too large to read (\(length) bytes)")
                    break
                }
                let data = try file.read(at: dataOffset, count: length)[...]
                if name == "XMP " {
                    XMPParser.parse(data, container: "WebP XMP", into: &metadata)
                } else {
                    // The spec says a bare TIFF header; some writers keep "Exif\0\0" in front.
                    let tiff =
                        data.starts(with: JPEGParser.exifHeader) ? data.dropFirst(JPEGParser.exifHeader.count) : data
                    TIFFParser.parseExif(tiff, container: "WebP EXIF", into: &metadata)
                }
            default:
                break
            }
            offset = dataOffset + length + (length & 1)  // chunks are padded to even sizes
        }
    }

    static func size(chunk name: String, _ data: [UInt8], into metadata: inout MediaMetadata) {
        let reader = ByteReader(data, endianness: .little)
        var width: UInt32?
        var height: UInt32?
        switch name {
        case "VP8X":
            // Flags (32 bits), then the canvas width-1 and height-1 as 24-bit little-endian numbers.
            metadata.replace(.fileType, .text("Extended WEBP"), source: "WebP:VP8X", priority: .file)
            if let w = uint24(data, at: 4), let h = uint24(data, at: 7) {
                width = w + 1
                height = h + 1
            }
        case "VP8 ":
            // 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height.
            guard data.count >= 10, data[3] == 0x9D, data[4] == 0x01, data[5] == 0x2A else { return }
            width = reader.uint16(at: 6).map { UInt32($0 & 0x3FFF) }
            height = reader.uint16(at: 8).map { UInt32($0 & 0x3FFF) }
        default:  // VP8L: signature 0x2F, then 14 bits width-1 and 14 bits height-1
            guard data.first == 0x2F, let bits = reader.uint32(at: 1) else { return }
            width = (bits & 0x3FFF) + 1
            height = (bits >> 14 & 0x3FFF) + 1
        }
        guard let width, let height else { return }
        // An animation's frames carry their own VP8/VP8L chunks inside ANMF, which are not read:
        // the size is the canvas's.
        let source = "WebP:\(name.trimmingASCIIWhitespace())"
        metadata.set(.imageWidth, .integer(Int64(width)), source: source, priority: name == "VP8X" ? .file : .primary)
        metadata.set(.imageHeight, .integer(Int64(height)), source: source, priority: name == "VP8X" ? .file : .primary)
    }

    /// A 24-bit little-endian number at `offset`.
    static func uint24(_ data: [UInt8], at offset: Int) -> UInt32? {
        guard let bytes = ByteReader(data).slice(at: offset, count: 3) else { return nil }
        return bytes.reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }
}
