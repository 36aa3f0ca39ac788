/// XMP in QuickTime and MP4 files: the top-level `uuid` box BE7ACFCB-97A9-42E8-9C71-999491E3AFAC
/// (where Adobe and exiftool put it in MP4) and `moov/udta/XMP_` (exiftool's place in MOV).
///
/// exiftool makes XMP the priority directory of these files, so an XMP value replaces one read
/// before it and is replaced by one read after it (the movie header's CreateDate, Apple keys),
/// except for the position: QuickTime's own (`©xyz`, keys, `loci`) is a Composite tag, made
/// after everything was read, and wins; only its altitude (a Composite of priority 0) gives way
/// to XMP's.
enum QuickTimeXMP {
    /// The extended type of the `uuid` box holding XMP.
    static let uuid: [UInt8] = [
        0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC,
    ]

    /// Reads one XMP packet found at `path` (e.g. `uuid`, `moov/udta/XMP_`).
    static func parse(_ packet: ArraySlice<UInt8>, path: String, into metadata: inout MediaMetadata) {
        var found = MediaMetadata()
        XMPParser.parse(packet, container: "QuickTime \(path)", into: &found)
        for field in found.fields {
            guard let entry = found.entries[field] else { continue }
            switch field {
            case .gpsLatitude, .gpsLongitude:
                metadata.set(field, entry.value, source: entry.source, priority: .xmp)
            default:
                metadata.setLatest(field, entry.value, source: entry.source, priority: .primary)
            }
        }
        for warning in found.warnings { metadata.warn(warning) }
    }
}
