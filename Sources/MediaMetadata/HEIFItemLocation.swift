import BinaryParsing

/// Where a HEIF item's bytes are (`iloc` entry): extents in the file or in the `idat` box.
struct HEIFItemLocation {
    /// 0 = file offsets, 1 = offsets into `idat`, 2 = offsets into another item (not supported).
    var constructionMethod: UInt8 = 0
    /// Added to every extent offset.
    var baseOffset: UInt64 = 0
    /// Offset and length of each piece; the item is their concatenation. Length 0 means "to the end".
    var extents: [(offset: UInt64, length: UInt64)] = []

    /// Extents kept per item; real Exif items have one.
    static let maxExtents = 1024

    /// Reads `iloc` (versions 0–2) and returns the locations of the items in `wanted`.
    static func parse(_ box: ISOBMFFBox, wanted: Set<UInt32>, into metadata: inout MediaMetadata)
        -> [UInt32: HEIFItemLocation]
    {
        guard let (version, _, body) = box.fullBox, version <= 2 else {
            metadata.warn("HEIF iloc: missing or unknown version")
            return [:]
        }
        var reader = ByteReader(body)
        guard let sizes = reader.readUInt8(), let moreSizes = reader.readUInt8(),
            let itemCount = version < 2 ? reader.readUInt16().map(UInt32.init) : reader.readUInt32()
        else {
            metadata.warn("HEIF iloc: box is too short")
            return [:]
        }
        let offsetSize = Int(sizes >> 4)
        let lengthSize = Int(sizes & 0xF)
        let baseOffsetSize = Int(moreSizes >> 4)
        let indexSize = version == 0 ? 0 : Int(moreSizes & 0xF)
        guard [offsetSize, lengthSize, baseOffsetSize, indexSize].allSatisfy({ [0, 4, 8].contains($0) }) else {
            metadata.warn(
                "HEIF iloc: field sizes \(offsetSize)/\(lengthSize)/\(baseOffsetSize)/\(indexSize) are not 0, 4 or 8")
            return [:]
        }
        var found: [UInt32: HEIFItemLocation] = [:]
        // Every entry takes at least 6 bytes, so the reader running out bounds this loop.
        for _ in 0..<itemCount {
            var location = HEIFItemLocation()
            guard let id = version < 2 ? reader.readUInt16().map(UInt32.init) : reader.readUInt32(),
                version == 0 || readConstruction(&reader, into: &location),
                reader.skip(2),  // data_reference_index: 0 = this file
                let base = read(&reader, size: baseOffsetSize), let extentCount = reader.readUInt16()
            else {
                metadata.warn("HEIF iloc: entry is cut short")
                break
            }
            location.baseOffset = base
            // With all field sizes 0 an extent takes no bytes and is always (0, 0): one stands for all.
            let extentBytes = indexSize + offsetSize + lengthSize
            for _ in 0..<(extentBytes == 0 ? min(Int(extentCount), 1) : Int(extentCount)) {
                guard reader.skip(indexSize), let offset = read(&reader, size: offsetSize),
                    let length = read(&reader, size: lengthSize)
                else {
                    metadata.warn("HEIF iloc: extent of item \(id) is cut short")
                    return found
                }
                if wanted.contains(id), location.extents.count < maxExtents {
                    location.extents.append((offset, length))
                }
            }
            if wanted.contains(id) { found[id] = location }
        }
        return found
    }

    /// Versions 1 and 2 keep the construction method in the low 4 bits of a 16-bit field.
    private static func readConstruction(_ reader: inout ByteReader, into location: inout HEIFItemLocation) -> Bool {
        guard let field = reader.readUInt16() else { return false }
        location.constructionMethod = UInt8(field & 0xF)
        return true
    }

    /// A big-endian field of 0, 4 or 8 bytes (0 bytes reads as 0).
    private static func read(_ reader: inout ByteReader, size: Int) -> UInt64? {
        switch size {
        case 4: reader.readUInt32().map(UInt64.init)
        case 8: reader.readUInt64()
        default: 0
        }
    }

    /// The item's bytes from the file or from `idat`, at most `limit` of them; nil with a warning
    /// when an extent lies outside its storage, the total is too large or the method is unsupported.
    func bytes(
        from source: some ByteSource, idat: ArraySlice<UInt8>?, limit: Int, item: UInt32,
        into metadata: inout MediaMetadata
    ) throws(ByteSourceError) -> [UInt8]? {
        guard constructionMethod <= 1 else {
            metadata.warn("HEIF iloc: item \(item) uses construction method \(constructionMethod), not supported")
            return nil
        }
        let storageSize = constructionMethod == 0 ? source.size : (idat?.count ?? 0)
        var result: [UInt8] = []
        for extent in extents {
            let (sum, overflow) = baseOffset.addingReportingOverflow(extent.offset)
            guard !overflow, let start = Int(exactly: sum), start <= storageSize,
                let length = extent.length == 0 ? storageSize - start : Int(exactly: extent.length),
                length <= storageSize - start
            else {
                metadata.warn("HEIF iloc: item \(item) points past the end of its data")
                return nil
            }
            guard length <= limit - result.count else {
                metadata.warn("HEIF iloc: item \(item) is larger than \(limit) bytes; not read")
                return nil
            }
            if constructionMethod == 0 {
                guard let piece = try source.readExactly(at: start, count: length) else {
                    metadata.warn("HEIF iloc: item \(item) could not be read in full")
                    return nil
                }
                result += piece
            } else if let idat {
                result += idat.dropFirst(start).prefix(length)
            }
        }
        return result
    }
}
