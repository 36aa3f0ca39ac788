import BinaryParsing

/// Reads the top-level `meta` box of HEIF/HEIC/AVIF images: the primary item's size (`ispe`),
/// its `Exif` items, whose TIFF blocks go to `TIFFParser`, and its XMP items.
///
/// The primary item may be a coded image or a derived one (`grid`, `iden`, `iovl`); its size is
/// only ever its own `ispe`, never a tile's. Metadata items are read as exiftool reads them: in
/// item id order, a later one describing the main image (by `cdsc` to the primary item, or by no
/// `cdsc` at all) replacing an earlier one, while items describing other images (tiles, a
/// thumbnail) only fill in fields the main image lacks.
enum HEIFMeta {
    /// Largest Exif or XMP item read; real ones are tens of kilobytes.
    static let maxExifSize = 16 << 20
    /// Metadata items read at most.
    static let maxMetadataItems = 64

    /// Reads the payload of a HEIF `meta` box (a FullBox); `source` is the file, for item data.
    static func parse(_ meta: ArraySlice<UInt8>, source: some ByteSource, into metadata: inout MediaMetadata)
        throws(ByteSourceError)
    {
        // Boxes come in any order (Nokia writes iloc before iinf), so collect them first.
        let boxes = ISOBMFFBox.children(of: meta.dropFirst(4), path: "meta", into: &metadata)
        func box(_ type: FourCC) -> ISOBMFFBox? { boxes.first { $0.type == type } }

        let primary = box("pitm").flatMap(primaryItem)
        if let primary, let properties = box("iprp") {
            primarySize(of: primary, in: properties, into: &metadata)
        } else {
            metadata.warn("HEIF meta: no primary item or no item properties, so no image size")
        }

        let items = box("iinf").map { HEIFItemInfo.parse($0, into: &metadata) } ?? []
        let wanted = items.filter { $0.isExif || $0.isXMP }.sorted { $0.id < $1.id }.prefix(maxMetadataItems)
        guard !wanted.isEmpty, let iloc = box("iloc") else { return }
        let references = box("iref").map { HEIFItemReferences.parse($0, into: &metadata) } ?? HEIFItemReferences()
        let locations = HEIFItemLocation.parse(iloc, wanted: Set(wanted.map(\.id)), into: &metadata)
        // `set` keeps the first value, exiftool the last of equal standing: main items newest first.
        let main = wanted.filter { references.describesPrimary($0.id, primary: primary) }.reversed()
        let others = wanted.filter { !references.describesPrimary($0.id, primary: primary) }
        for (item, isMain) in main.map({ ($0, true) }) + others.map({ ($0, false) }) {
            guard let location = locations[item.id] else {
                metadata.warn("HEIF meta: \(item.type) item \(item.id) has no location")
                continue
            }
            guard
                let bytes = try location.bytes(
                    from: source, idat: box("idat")?.payload, limit: maxExifSize, item: item.id, into: &metadata)
            else { continue }
            var found = MediaMetadata()
            if item.isXMP {
                XMPParser.parse(bytes[...], container: "HEIF XMP item", into: &found)
            } else if let tiff = tiffBlock(in: bytes, into: &found) {
                TIFFParser.parseExif(
                    tiff, container: isMain ? "HEIF:Exif item" : "HEIF:Exif item \(item.id)", into: &found)
            }
            metadata.merge(found, cappedAt: isMain ? .primary : .secondary)
        }
    }

    /// `pitm`: the primary item's id, 16-bit in version 0 and 32-bit after.
    static func primaryItem(_ pitm: ISOBMFFBox) -> UInt32? {
        guard let (version, _, body) = pitm.fullBox else { return nil }
        let reader = ByteReader(body)
        return version == 0 ? reader.uint16(at: 0).map(UInt32.init) : reader.uint32(at: 0)
    }

    /// `iprp`: `ipco` lists properties, `ipma` ties them to items (1-based indexes of 7 or 15 bits,
    /// 16- or 32-bit item ids). The primary item's `ispe` is the image size exiftool reports; the
    /// others belong to grid tiles and thumbnails.
    static func primarySize(of item: UInt32, in iprp: ISOBMFFBox, into metadata: inout MediaMetadata) {
        let children = ISOBMFFBox.children(of: iprp.payload, path: "meta/iprp", into: &metadata)
        guard let ipco = children.first(where: { $0.type == "ipco" }),
            let ipma = children.first(where: { $0.type == "ipma" })?.fullBox
        else {
            metadata.warn("HEIF iprp: ipco or ipma is missing")
            return
        }
        let properties = ISOBMFFBox.children(of: ipco.payload, path: "meta/iprp/ipco", into: &metadata)
        var reader = ByteReader(ipma.body)
        let wideIndex = ipma.flags & 1 == 1
        let entryCount = reader.readUInt32() ?? 0
        for _ in 0..<entryCount {
            guard let id = ipma.version < 1 ? reader.readUInt16().map(UInt32.init) : reader.readUInt32(),
                let count = reader.readUInt8()
            else { break }
            for _ in 0..<count {
                guard let raw = wideIndex ? reader.readUInt16() : reader.readUInt8().map(UInt16.init) else { break }
                let index = Int(raw & (wideIndex ? 0x7FFF : 0x7F))  // top bit: "essential"
                guard id == item, index >= 1, index <= properties.count, properties[index - 1].type == "ispe",
                    let (_, _, body) = properties[index - 1].fullBox
                else { continue }
                let size = ByteReader(body)
                guard let width = size.uint32(at: 0), let height = size.uint32(at: 4) else { continue }
                metadata.set(.imageWidth, .integer(Int64(width)), source: "HEIF:ispe", priority: .file)
                metadata.set(.imageHeight, .integer(Int64(height)), source: "HEIF:ispe", priority: .file)
                return
            }
        }
        metadata.warn("HEIF iprp: the primary item \(item) has no ispe property")
    }

    /// The TIFF block of an Exif item: after a 4-byte big-endian offset (from the end of those
    /// 4 bytes, usually 6 to skip "Exif\0\0"). Some writers get the offset wrong, so when no TIFF
    /// header is there, one is looked for in the first bytes.
    static func tiffBlock(in item: [UInt8], into metadata: inout MediaMetadata) -> ArraySlice<UInt8>? {
        func isTIFFHeader(at offset: Int) -> Bool {
            let header = ByteReader(item).slice(at: offset, count: 4)
            return header.map { $0.elementsEqual([0x49, 0x49, 0x2A, 0]) || $0.elementsEqual([0x4D, 0x4D, 0, 0x2A]) }
                ?? false
        }
        if let offset = ByteReader(item).uint32(at: 0).flatMap({ Int(exactly: $0) }), offset <= item.count,
            isTIFFHeader(at: 4 + offset)
        {
            return item[(4 + offset)...]
        }
        guard let found = (0..<min(item.count, 64)).first(where: isTIFFHeader) else {
            metadata.warn("HEIF Exif item: no TIFF header found")
            return nil
        }
        metadata.warn("HEIF Exif item: header offset is wrong; TIFF header found at byte \(found)")
        return item[found...]
    }
}
