import BinaryParsing

/// Reads the top-level `meta` box of HEIF/HEIC/AVIF images: the primary item's size (`ispe`)
/// and the `Exif` item, whose TIFF block goes to `TIFFParser`.
enum HEIFMeta {
    /// Largest Exif item read; real ones are tens of kilobytes.
    static let maxExifSize = 16 << 20

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

        let exifItems = box("iinf").map { exifItemIDs(in: $0, into: &metadata) } ?? []
        guard !exifItems.isEmpty, let iloc = box("iloc") else { return }
        let locations = HEIFItemLocation.parse(iloc, wanted: Set(exifItems), into: &metadata)
        for item in exifItems {
            guard let location = locations[item] else {
                metadata.warn("HEIF meta: Exif item \(item) has no location")
                continue
            }
            guard
                let bytes = try location.bytes(
                    from: source, idat: box("idat")?.payload, limit: maxExifSize, item: item, into: &metadata),
                let tiff = tiffBlock(in: bytes, into: &metadata)
            else { continue }
            TIFFParser.parseExif(tiff, container: "HEIF:Exif item", into: &metadata)
            return
        }
    }

    /// `pitm`: the primary item's id, 16-bit in version 0 and 32-bit after.
    static func primaryItem(_ pitm: ISOBMFFBox) -> UInt32? {
        guard let (version, _, body) = pitm.fullBox else { return nil }
        let reader = ByteReader(body)
        return version == 0 ? reader.uint16(at: 0).map(UInt32.init) : reader.uint32(at: 0)
    }

    /// `iinf`: the ids of the items of type `Exif`, from `infe` entries of version 2 (16-bit id)
    /// and 3 (32-bit id); older versions carry no item type.
    static func exifItemIDs(in iinf: ISOBMFFBox, into metadata: inout MediaMetadata) -> [UInt32] {
        guard let (version, _, body) = iinf.fullBox else { return [] }
        // The entry count is not needed: the boxes that follow it are the entries.
        let entries = body.dropFirst(version == 0 ? 2 : 4)
        return ISOBMFFBox.children(of: entries, path: "meta/iinf", into: &metadata).compactMap { infe in
            guard infe.type == "infe", let (version, _, body) = infe.fullBox, version >= 2 else { return nil }
            var reader = ByteReader(body)
            guard let id = version == 2 ? reader.readUInt16().map(UInt32.init) : reader.readUInt32(),
                reader.skip(2), reader.readFourCC() == "Exif"
            else { return nil }
            return id
        }
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
