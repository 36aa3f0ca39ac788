import BinaryParsing

/// One `infe` entry of a HEIF `iinf` box: an item's id, type and, for `mime` items, content type.
struct HEIFItemInfo: Equatable {
    var id: UInt32
    /// `hvc1`, `grid`, `iden`, `iovl`, `Exif`, `mime`, …
    var type: FourCC
    /// For `mime` items, e.g. `application/rdf+xml` (XMP).
    var contentType = ""
    /// For `mime` items, e.g. `deflate`; empty when the content is stored as is.
    var contentEncoding = ""
    /// Non-zero when the item is protected (encrypted).
    var protectionIndex: UInt16 = 0

    /// True for an Exif item exiftool reads.
    var isExif: Bool { type == "Exif" && protectionIndex == 0 }
    /// True for an XMP item exiftool reads (a plain `application/rdf+xml` mime item).
    var isXMP: Bool {
        type == "mime" && contentType == "application/rdf+xml" && contentEncoding.isEmpty && protectionIndex == 0
    }

    /// The entries of `iinf` of version 2 (16-bit id) and 3 (32-bit id); older versions carry no
    /// item type and are skipped.
    static func parse(_ iinf: ISOBMFFBox, into metadata: inout MediaMetadata) -> [HEIFItemInfo] {
        guard let (version, _, body) = iinf.fullBox else { return [] }
        // The entry count is not needed: the boxes that follow it are the entries.
        let entries = body.dropFirst(version == 0 ? 2 : 4)
        return ISOBMFFBox.children(of: entries, path: "meta/iinf", into: &metadata).compactMap { infe in
            guard infe.type == "infe", let (version, _, body) = infe.fullBox, version >= 2 else { return nil }
            var reader = ByteReader(body)
            guard let id = version == 2 ? reader.readUInt16().map(UInt32.init) : reader.readUInt32(),
                let protection = reader.readUInt16(), let type = reader.readFourCC()
            else { return nil }
            var item = HEIFItemInfo(id: id, type: type, protectionIndex: protection)
            if type == "mime", reader.readCString() != nil {  // the item name comes first
                item.contentType = reader.readCString().map { String(decoding: $0, as: UTF8.self) } ?? ""
                item.contentEncoding = reader.readCString().map { String(decoding: $0, as: UTF8.self) } ?? ""
            }
            return item
        }
    }
}
