import BinaryParsing

/// Reads a QuickTime `meta` box: Apple's `keys` + `ilst` (items numbered by key) or an
/// iTunes-style `ilst` whose items are named by four-character codes (`©xyz`, `©day` …).
enum QuickTimeMetadata {
    /// Reads the payload of a `meta` box found at `path` (e.g. `moov/meta`, `moov/udta/meta`).
    static func parse(_ meta: ArraySlice<UInt8>, path: String, into metadata: inout MediaMetadata) {
        // ISO makes `meta` a FullBox; Apple's QuickTime `meta` has no version/flags. Where `hdlr`
        // sits tells them apart; without one, a zero first word is version/flags, not a child size.
        let reader = ByteReader(meta)
        let handler = FourCC("hdlr").rawValue
        let isFullBox =
            reader.uint32(at: 4) != handler && (reader.uint32(at: 8) == handler || reader.uint32(at: 0) == 0)
        let boxes = ISOBMFFBox.children(of: isFullBox ? meta.dropFirst(4) : meta, path: path, into: &metadata)
        let keys = boxes.first { $0.type == "keys" }.map { parseKeys($0, path: "\(path)/keys", into: &metadata) }
        for ilst in boxes where ilst.type == "ilst" {
            for item in ISOBMFFBox.children(of: ilst.payload, path: "\(path)/ilst", into: &metadata) {
                let itemPath = "\(path)/ilst/\(item.type)"
                guard let value = dataValue(item.payload, path: itemPath, into: &metadata) else { continue }
                guard let keys else {
                    QuickTimeUserData.record(item.type, value, source: "QuickTime:\(itemPath)", into: &metadata)
                    continue
                }
                // With `keys`, an item's type is the 1-based index of its key.
                let index = Int(item.type.rawValue)
                guard index >= 1, index <= keys.count else {
                    metadata.warn("QuickTime \(path)/ilst: item refers to key \(index) of \(keys.count)")
                    continue
                }
                record(
                    key: keys[index - 1], value, source: "QuickTime:\(path)/keys:\(keys[index - 1])", into: &metadata)
            }
        }
    }

    /// Records one Apple metadata key with exiftool's tag name.
    static func record(key: String, _ value: MetadataValue, source: String, into metadata: inout MediaMetadata) {
        switch key {
        case "com.apple.quicktime.location.ISO6709":
            guard let text = value.string, let point = ISO6709(text) else {
                metadata.warn("QuickTime \(source): location '\(value)' is not ISO 6709")
                return
            }
            QuickTimeUserData.setPosition(point, source: source, into: &metadata)
        case "com.apple.quicktime.creationdate":
            // Local time with offset ("2023-06-15T12:30:45+0200"); kept as written when it does not parse.
            let date = value.string.flatMap(MetadataDate.fromISO8601).map(MetadataValue.text) ?? value
            metadata.set(.creationDate, date, source: source)
        // A later value replaces an earlier one of equal standing (XMP in udta, another meta).
        case "com.apple.quicktime.make": metadata.setLatest(.make, value, source: source, priority: .primary)
        case "com.apple.quicktime.model": metadata.setLatest(.model, value, source: source, priority: .primary)
        case "com.apple.quicktime.software":
            metadata.setLatest(.software, value, source: source, priority: .primary)
        default: break
        }
    }

    /// `keys` (FullBox): entry count, then entries of size, namespace (`mdta`) and name.
    static func parseKeys(_ box: ISOBMFFBox, path: String, into metadata: inout MediaMetadata) -> [String] {
        guard let (_, _, body) = box.fullBox else {
            metadata.warn("QuickTime \(path): box is too short")
            return []
        }
        var reader = ByteReader(body)
        let count = reader.readUInt32() ?? 0
        var keys: [String] = []
        while keys.count < count {
            guard keys.count < ISOBMFFParser.maxBoxesPerLevel else {
                metadata.warn(
                    "QuickTime \(path): more than \(ISOBMFFParser.maxBoxesPerLevel) keys; the rest is skipped")
                break
            }
            guard let size = reader.readUInt32(), size >= 8, reader.skip(4), let name = reader.readBytes(Int(size) - 8)
            else {
                metadata.warn("QuickTime \(path): entry \(keys.count + 1) of \(count) is cut short or malformed")
                break
            }
            keys.append(QuickTimeUserData.decodedText(name))
        }
        return keys
    }

    /// The value of the first `data` atom in an item: 4-byte type indicator, 4-byte locale, value.
    /// Text (UTF-8, UTF-16), big-endian integers and floats are read; other types give nil.
    static func dataValue(_ item: ArraySlice<UInt8>, path: String, into metadata: inout MediaMetadata)
        -> MetadataValue?
    {
        guard let data = ISOBMFFBox.children(of: item, path: path, into: &metadata).first(where: { $0.type == "data" }),
            let type = ByteReader(data.payload).uint32(at: 0), data.payload.count >= 8
        else { return nil }
        let bytes = data.payload.dropFirst(8)
        switch type {
        case 1:
            return .text(QuickTimeUserData.decodedText(bytes))
        case 2:
            var reader = ByteReader(bytes)
            var units: [UInt16] = []
            while let unit = reader.readUInt16(), unit != 0 { units.append(unit) }
            return .text(String(decoding: units, as: UTF16.self))
        case 21, 65, 66, 67, 74:
            return integer(bytes).map { raw in
                let unused = UInt64(64 - 8 * bytes.count)
                return .integer(Int64(bitPattern: raw << unused) >> unused)  // sign-extend
            }
        case 22, 75, 76, 77, 78:
            return integer(bytes).map { raw in Int64(exactly: raw).map(MetadataValue.integer) ?? .real(Double(raw)) }
        case 23:
            return ByteReader(bytes).uint32(at: 0).map { .real(Double(Float(bitPattern: $0))) }
        case 24:
            return ByteReader(bytes).uint64(at: 0).map { .real(Double(bitPattern: $0)) }
        default:
            return nil
        }
    }

    /// A big-endian unsigned integer of 1 to 8 bytes.
    private static func integer(_ bytes: ArraySlice<UInt8>) -> UInt64? {
        guard (1...8).contains(bytes.count) else { return nil }
        return bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
}
