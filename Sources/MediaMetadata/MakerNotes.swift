import BinaryParsing

/// The few maker notes that carry a capture time exiftool reports when Exif lacks one.
///
/// Maker notes are vendor formats with their own offsets; vestige reads only fixed-layout ones
/// it can check by a signature, and never follows their pointers.
enum MakerNotes {
    static func read(_ note: ArraySlice<UInt8>, make: String?, source: String, into metadata: inout MediaMetadata) {
        readReconyxType1(note, make: make, source: source, into: &metadata)
    }

    /// True when a maker note of a "DJI" camera is DJI's IFD (exiftool's MakerNoteDJI) rather
    /// than its "[ae_dbg_info:…]" debug text or the Ambarella format of some DJI action cameras
    /// ("…@AMBA"), which exiftool tells apart the same way.
    static func isDJIIFD(_ note: ArraySlice<UInt8>) -> Bool {
        note.count >= 2 && !note.starts(with: "[ae_dbg_info:".utf8)
            && !(ByteReader(note).slice(at: 3, count: 5)?.elementsEqual("@AMBA".utf8) ?? false)
    }

    /// Reconyx HyperFire/HC500 (exiftool's MakerNoteReconyx): little-endian 16-bit words
    /// starting `01 F1`; words 11…16 are second, minute, hour, month, day, year.
    static func readReconyxType1(
        _ note: ArraySlice<UInt8>, make: String?, source: String, into metadata: inout MediaMetadata
    ) {
        guard note.starts(with: [0x01, 0xF1]) else { return }
        let versioned =
            note.count > 3 && (note[note.startIndex + 2] == 2 || note[note.startIndex + 2] == 3)
            && note[note.startIndex + 3] == 0
        guard versioned || make == "RECONYX" else { return }
        let reader = ByteReader(note, endianness: .little)
        let words = (0..<6).compactMap { reader.uint16(at: 22 + 2 * $0).map(Int.init) }
        guard words.count == 6, (1...12).contains(words[3]), (1...31).contains(words[4]), words[2] < 24, words[1] < 60,
            words[0] < 60
        else { return }
        let text =
            "\(NumberFormatting.padded(words[5], width: 4)):\(NumberFormatting.twoDigits(words[3])):"
            + "\(NumberFormatting.twoDigits(words[4])) \(NumberFormatting.twoDigits(words[2])):"
            + "\(NumberFormatting.twoDigits(words[1])):\(NumberFormatting.twoDigits(words[0]))"
        metadata.set(.dateTimeOriginal, .text(text), source: source + ":Reconyx", priority: .secondary)
    }
}
