import BinaryParsing

/// ImageMagick's "raw profiles" in PNG text chunks (`Raw profile type exif`, `APP1`, `xmp`): a
/// newline, the profile type, a newline, the decimal length, a newline, then the bytes in hex,
/// in lines. exiftool reads an `exif` or `APP1` profile as Exif (after an optional `Exif\0\0`)
/// or, with the XMP header, as XMP, and an `xmp` profile as XMP.
enum PNGRawProfile {
    /// Largest profile decoded (bytes, not hex digits).
    static let maxBytes = 4 << 20

    /// The kinds of profile vestige reads, by the text chunk's keyword.
    enum Kind {
        case exif, xmp

        init?(keyword: String) {
            switch keyword {
            case "Raw profile type exif", "Raw profile type APP1": self = .exif
            case "Raw profile type xmp": self = .xmp
            default: return nil
            }
        }
    }

    /// Reads the profile held in `text` (the chunk's text after inflating) into `metadata`.
    static func read(
        _ text: ArraySlice<UInt8>, kind: Kind, keyword: String, chunk: String, into metadata: inout MediaMetadata
    ) {
        guard let (declared, bytes) = decode(text) else {
            metadata.warn("PNG \(chunk) '\(keyword)': not a raw profile (newline, type, length, hex)")
            return
        }
        if declared != bytes.count {
            metadata.warn("PNG \(chunk) '\(keyword)' is wrong size (should be \(declared) bytes but is \(bytes.count))")
        }
        let container = "PNG \(chunk) \(keyword)"
        let data = bytes[...]
        switch kind {
        case .xmp:
            XMPParser.parse(data, container: container, into: &metadata)
        case .exif:
            if data.starts(with: JPEGParser.exifHeader) {
                TIFFParser.parseExif(data.dropFirst(JPEGParser.exifHeader.count), container: container, into: &metadata)
            } else if data.starts(with: JPEGParser.xmpHeader) {
                XMPParser.parse(data.dropFirst(JPEGParser.xmpHeader.count), container: container, into: &metadata)
            } else if data.starts(with: [0x49, 0x49, 0x2A, 0x00]) || data.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) {
                TIFFParser.parseExif(data, container: container, into: &metadata)
            } else {
                metadata.warn("PNG \(chunk) '\(keyword)': unknown raw profile contents")
            }
        }
    }

    /// The declared length and the bytes of a raw profile; nil when the text is not one.
    static func decode(_ text: ArraySlice<UInt8>) -> (declared: Int, bytes: [UInt8])? {
        let newline = UInt8(ascii: "\n")
        var reader = ByteReader(text)
        // "\n", the type up to the next "\n", white space, digits, "\n".
        guard reader.readUInt8() == newline else { return nil }
        while let byte = reader.readUInt8(), byte != newline {}
        var declared = 0
        var digits = 0
        while let byte = reader.readUInt8() {
            if byte >= 0x30, byte <= 0x39 {
                guard digits < 12 else { return nil }
                declared = declared * 10 + Int(byte - 0x30)
                digits += 1
            } else if byte == newline, digits > 0 {
                break
            } else if digits > 0 || !XMPParser.Packet.isSpace(byte) {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(declared, maxBytes))
        var high: UInt8?
        while let byte = reader.readUInt8(), bytes.count < maxBytes {
            let nibble: UInt8
            switch byte {
            case 0x30...0x39: nibble = byte - 0x30
            case 0x41...0x46: nibble = byte - 0x41 + 10
            case 0x61...0x66: nibble = byte - 0x61 + 10
            default:
                // exiftool drops white space; anything else ends the hex digits.
                if XMPParser.Packet.isSpace(byte) { continue }
                return (declared, bytes)
            }
            if let first = high {
                bytes.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return (declared, bytes)
    }
}
