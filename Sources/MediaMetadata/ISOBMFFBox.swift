import BinaryParsing

/// The header of one ISO-BMFF / QuickTime box: its type and how far it extends.
struct ISOBMFFBoxHeader {
    /// The box type, e.g. `moov`.
    let type: FourCC
    /// Bytes before the payload: 8, or 16 with a 64-bit size, plus 16 for a `uuid` extended type.
    let headerSize: Int
    /// Bytes in the whole box, clipped to the end of the enclosing level when the box is cut short.
    let size: Int
    /// True when the declared size runs past the end of the enclosing level (cut-off file or bad size).
    let isTruncated: Bool

    /// Bytes after the header.
    var payloadSize: Int { size - headerSize }

    /// What reading a header gave.
    enum Outcome {
        /// A usable header.
        case box(ISOBMFFBoxHeader)
        /// Fewer than 8 bytes, all zero: QuickTime ends `udta` lists with a 32-bit zero, so this is no error.
        case padding
        /// No usable header; the text says why.
        case invalid(String)
    }

    /// Reads the header at the start of `bytes` (its first 16 bytes suffice), in a level that holds
    /// `available` bytes from the box's first byte on.
    static func parse(_ bytes: ArraySlice<UInt8>, available: Int) -> Outcome {
        let reader = ByteReader(bytes)
        let usable = min(available, bytes.count)
        guard usable >= 8, let size32 = reader.uint32(at: 0), let raw = reader.uint32(at: 4) else {
            return bytes.prefix(max(usable, 0)).allSatisfy { $0 == 0 }
                ? .padding : .invalid("\(usable) stray bytes where a box header should be")
        }
        let type = FourCC(rawValue: raw)
        var headerSize = 8
        var declared: UInt64 = UInt64(size32)
        switch size32 {
        case 0:
            declared = UInt64(available)  // size 0: the box runs to the end of its level
        case 1:
            guard usable >= 16, let size64 = reader.uint64(at: 8) else {
                return .invalid("box '\(type)' has a 64-bit size but its header is cut short")
            }
            headerSize = 16
            declared = size64
        default:
            break
        }
        if type == "uuid" { headerSize += 16 }
        guard declared >= UInt64(headerSize) else {
            return .invalid("box '\(type)' has size \(declared), smaller than its \(headerSize)-byte header")
        }
        // Sizes that do not fit in an Int certainly run past the end.
        let size = Int(exactly: declared) ?? Int.max
        guard size <= available else {
            guard available >= headerSize else {
                return .invalid("box '\(type)' is cut short inside its header")
            }
            return .box(ISOBMFFBoxHeader(type: type, headerSize: headerSize, size: available, isTruncated: true))
        }
        return .box(ISOBMFFBoxHeader(type: type, headerSize: headerSize, size: size, isTruncated: false))
    }
}

/// One box held in memory: its type and payload bytes.
struct ISOBMFFBox {
    /// The box type.
    let type: FourCC
    /// The bytes after the header (a slice of the enclosing buffer).
    let payload: ArraySlice<UInt8>

    /// The payload of a FullBox split into version, flags and the rest; nil when shorter than 4 bytes.
    var fullBox: (version: UInt8, flags: UInt32, body: ArraySlice<UInt8>)? {
        guard let word = ByteReader(payload).uint32(at: 0) else { return nil }
        return (UInt8(word >> 24), word & 0xFF_FFFF, payload.dropFirst(4))
    }

    /// The boxes directly inside `bytes`, at most `ISOBMFFParser.maxBoxesPerLevel` of them.
    ///
    /// Problems become warnings naming `path` (e.g. `moov/udta`) and end the level; the boxes
    /// before them are kept.
    static func children(of bytes: ArraySlice<UInt8>, path: String, into metadata: inout MediaMetadata)
        -> [ISOBMFFBox]
    {
        var boxes: [ISOBMFFBox] = []
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            guard boxes.count < ISOBMFFParser.maxBoxesPerLevel else {
                metadata.warn(
                    "ISO-BMFF \(path): more than \(ISOBMFFParser.maxBoxesPerLevel) boxes; the rest is skipped")
                break
            }
            let header: ISOBMFFBoxHeader
            switch ISOBMFFBoxHeader.parse(bytes[offset...], available: bytes.endIndex - offset) {
            case .box(let found): header = found
            case .padding: return boxes
            case .invalid(let reason):
                metadata.warn("ISO-BMFF \(path): \(reason)")
                return boxes
            }
            // A cut-off child is dropped: half a value (a coordinate missing digits) is worse than none.
            guard !header.isTruncated else {
                metadata.warn("ISO-BMFF \(path): box '\(header.type)' runs past the end of its parent (truncated)")
                break
            }
            boxes.append(
                ISOBMFFBox(type: header.type, payload: bytes[offset + header.headerSize..<offset + header.size]))
            offset += header.size
        }
        return boxes
    }
}
