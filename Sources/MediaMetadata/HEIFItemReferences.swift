import BinaryParsing

/// The `cdsc` ("content describes") references of a HEIF `iref` box: which image items a
/// metadata item describes.
struct HEIFItemReferences {
    /// For each metadata item, the items it describes.
    var describes: [UInt32: Set<UInt32>] = [:]

    /// References kept at most; real files have a few dozen.
    static let maxReferences = 4096

    /// Reads `iref`: version 0 has 16-bit item ids, version 1 32-bit ones; each child box is one
    /// reference type (`dimg`, `thmb`, `cdsc`, `auxl` …) from one item to a list of items.
    static func parse(_ iref: ISOBMFFBox, into metadata: inout MediaMetadata) -> HEIFItemReferences {
        var references = HEIFItemReferences()
        guard let (version, _, body) = iref.fullBox else { return references }
        var kept = 0
        for reference in ISOBMFFBox.children(of: body, path: "meta/iref", into: &metadata)
        where reference.type == "cdsc" {
            var reader = ByteReader(reference.payload)
            func id() -> UInt32? { version == 0 ? reader.readUInt16().map(UInt32.init) : reader.readUInt32() }
            guard let from = id(), let count = reader.readUInt16() else {
                metadata.warn("HEIF iref: a cdsc reference is cut short")
                continue
            }
            for _ in 0..<count {
                guard kept < maxReferences, let to = id() else { break }
                references.describes[from, default: []].insert(to)
                kept += 1
            }
        }
        return references
    }

    /// True when `item` belongs to the main image as exiftool sees it: it describes the primary
    /// item or describes nothing in particular. Otherwise exiftool reads it as a sub-document
    /// whose tags only fill in what the main image lacks.
    func describesPrimary(_ item: UInt32, primary: UInt32?) -> Bool {
        guard let primary, let targets = describes[item] else { return true }
        return targets.contains(primary)
    }
}
