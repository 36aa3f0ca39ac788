import BinaryParsing

/// Reads TIFF structures: standalone TIFF, BigTIFF and TIFF-based raw files, and the Exif blocks
/// that JPEG, PNG, WebP and HEIF embed.
///
/// IFD0 → ExifIFD (0x8769) → GPS IFD (0x8825), SubIFDs (0x014A) and the IFD chain. Loops are cut
/// with a set of visited offsets; every count and offset is checked against the data; an IFD that
/// cannot be read costs only its own tags. BigTIFF (`Layout.big`) is read only as a file, as
/// exiftool does: an embedded Exif block with BigTIFF's magic number is no Exif.
enum TIFFParser {
    /// At most this many IFDs are visited in one file.
    static let maxIFDs = 64
    /// An IFD claiming more entries than this is treated as damaged and read only this far.
    static let maxEntries = 1024
    /// Longest tag value read (strings, rational arrays); longer ones are skipped.
    static let maxValueBytes = 1 << 16

    /// Parses a TIFF or TIFF-based raw file, reading only the IFDs and values it needs.
    static func parseFile(_ source: some ByteSource, into metadata: inout MediaMetadata) throws(ByteSourceError) {
        var reader = Reader(source: source, base: 0, container: "EXIF", isStandaloneFile: true)
        try reader.parse(into: &metadata)
    }

    /// Parses an Exif/TIFF block held in memory, starting at its `II*\0`/`MM\0*` header.
    /// `container` names where it came from (e.g. "JPEG APP1", "HEIF Exif item") for provenance.
    static func parseExif(_ bytes: ArraySlice<UInt8>, container: String, into metadata: inout MediaMetadata) {
        var reader = Reader(
            source: MemoryByteSource(Array(bytes)), base: 0, container: container, isStandaloneFile: false)
        // A memory source cannot fail to read.
        try? reader.parse(into: &metadata)
    }

    /// The IFDs vestige follows, named as exiftool names them in warnings and provenance.
    enum Directory: String {
        case ifd0 = "IFD0", ifd1 = "IFD1", exif = "ExifIFD", gps = "GPS", subIFD = "SubIFD", chained = "IFD"
        /// DJI's maker notes: an IFD without a header whose offsets count from the TIFF header.
        case djiMakerNote = "MakerNotes"
    }

    /// One IFD entry (12 bytes, 20 in BigTIFF).
    struct Entry {
        var tag: UInt16
        var type: UInt16
        var count: UInt64
        /// Offset (from the TIFF header) of the entry's value/offset field (4 bytes, 8 in BigTIFF).
        var fieldOffset: Int
    }

    /// Walks the IFDs of one TIFF structure.
    struct Reader<Source: ByteSource> {
        let source: Source
        let base: Int
        let container: String
        let isStandaloneFile: Bool
        var endianness: ByteReader.Endianness = .big
        var layout = Layout.classic
        var visited: Set<Int> = []
        var gps = GPSTags()
        /// Size of the full-resolution image among the IFDs (NewSubfileType 0), for raw files.
        var fullImageSize: (width: Int64, height: Int64, source: String)?

        init(source: Source, base: Int, container: String, isStandaloneFile: Bool) {
            self.source = source
            self.base = base
            self.container = container
            self.isStandaloneFile = isStandaloneFile
        }

        mutating func parse(into metadata: inout MediaMetadata) throws(ByteSourceError) {
            guard let header = try source.readExactly(at: base, count: 8) else {
                metadata.warn("\(container): TIFF header is truncated")
                return
            }
            switch (header[0], header[1]) {
            case (0x49, 0x49): endianness = .little
            case (0x4D, 0x4D): endianness = .big
            default:
                metadata.warn("\(container): not a TIFF header")
                return
            }
            let reader = ByteReader(header, endianness: endianness)
            // 42 for TIFF; Olympus ORF and Panasonic RW2 use their own magic numbers; 43 is
            // BigTIFF, whose header goes on with the offset size (8), 0, and an 8-byte IFD0 offset.
            var next: Int?
            if isStandaloneFile, reader.uint16(at: 2) == 43 {
                guard reader.uint16(at: 4) == 8, reader.uint16(at: 6) == 0,
                    let field = try source.readExactly(at: base + 8, count: 8),
                    let ifd0 = ByteReader(field, endianness: endianness).uint64(at: 0)
                else {
                    metadata.warn("\(container): BigTIFF header is truncated or has an offset size other than 8")
                    return
                }
                layout = .big
                next = Int(exactly: ifd0)
            } else {
                next = reader.uint32(at: 4).map(Int.init)
            }
            var index = 0
            while let offset = next, offset != 0, visited.count < TIFFParser.maxIFDs {
                let directory: Directory = index == 0 ? .ifd0 : (index == 1 ? .ifd1 : .chained)
                next = try parseIFD(at: offset, as: directory, into: &metadata)
                index += 1
            }
            gps.apply(to: &metadata, container: container)
            if isStandaloneFile, let size = fullImageSize {
                metadata.set(.imageWidth, .integer(size.width), source: size.source, priority: .file)
                metadata.set(.imageHeight, .integer(size.height), source: size.source, priority: .file)
            }
        }

        /// Reads one IFD and the IFDs it points to; returns the next IFD's offset in the chain.
        mutating func parseIFD(at offset: Int, as directory: Directory, into metadata: inout MediaMetadata)
            throws(ByteSourceError) -> Int?
        {
            guard !visited.contains(offset) else {
                metadata.warn("\(container): \(directory.rawValue) pointer references a previous directory")
                return nil
            }
            guard visited.count < TIFFParser.maxIFDs else { return nil }
            // BigTIFF offsets are 64-bit: one past the data would overflow the arithmetic below.
            guard offset >= 0, offset < source.size - base else {
                metadata.warn("\(container): \(directory.rawValue) offset \(offset) is past the end")
                return nil
            }
            visited.insert(offset)
            guard let countBytes = try source.readExactly(at: base + offset, count: layout.countSize),
                let declared = layout.isBig
                    ? ByteReader(countBytes, endianness: endianness).uint64(at: 0)
                    : ByteReader(countBytes, endianness: endianness).uint16(at: 0).map(UInt64.init)
            else {
                metadata.warn("\(container): \(directory.rawValue) offset \(offset) is past the end")
                return nil
            }
            var count = Int(clamping: declared)
            if count > TIFFParser.maxEntries {
                metadata.warn(
                    "\(container): \(directory.rawValue) claims \(declared) entries; reading \(TIFFParser.maxEntries)")
                count = TIFFParser.maxEntries
            }
            let entrySize = layout.entrySize
            let tableOffset = offset + layout.countSize
            let table = try source.read(at: base + tableOffset, count: count * entrySize + layout.fieldSize)
            if table.count < count * entrySize {
                metadata.warn("\(container): \(directory.rawValue) is truncated")
            }
            let reader = ByteReader(table, endianness: endianness)
            var subdirectories: [(Int, Directory)] = []
            var subfileType: UInt32 = 0
            var size: (width: Int64?, height: Int64?) = (nil, nil)
            for i in 0..<min(count, table.count / entrySize) {
                let at = i * entrySize
                guard let tag = reader.uint16(at: at), let type = reader.uint16(at: at + 2),
                    let valueCount = layout.isBig
                        ? reader.uint64(at: at + 4) : reader.uint32(at: at + 4).map(UInt64.init)
                else { break }
                let entry = Entry(
                    tag: tag, type: type, count: valueCount, fieldOffset: tableOffset + at + 4 + layout.valueCountSize)
                let source = "\(container):\(directory.rawValue):0x\(hex(tag))"
                switch (directory, tag) {
                case (.djiMakerNote, 0x0001):
                    // exiftool's MakerNotes Make, read after IFD0's and so replacing it.
                    if let make = try string(entry), !make.isEmpty {
                        metadata.setLatest(.make, .text(make), source: source, priority: .primary)
                    }
                case (.djiMakerNote, _):
                    continue
                case (.gps, _):
                    try gps.read(entry, with: self, into: &metadata)
                case (_, 0x8769), (_, 0x8825), (_, 0x014A):
                    let target: Directory = tag == 0x8769 ? .exif : (tag == 0x8825 ? .gps : .subIFD)
                    guard [3, 4, 13, 16, 18].contains(type) else {
                        metadata.warn("\(container): \(target.rawValue) pointer has the wrong type")
                        continue
                    }
                    for pointer in try integers(entry).prefix(8) {
                        guard let pointer = Int(exactly: pointer) else { continue }
                        subdirectories.append((pointer, target))
                    }
                case (_, 0x00FE):
                    subfileType = UInt32(clamping: try integers(entry).first ?? 0)
                case (_, 0x0100):
                    size.width = try integers(entry).first.flatMap { Int64(exactly: $0) }
                case (_, 0x0101):
                    size.height = try integers(entry).first.flatMap { Int64(exactly: $0) }
                case (.ifd1, _):
                    continue  // The thumbnail's tags describe the thumbnail, not the photo.
                case (_, 0x010F):
                    metadata.set(.make, text: try string(entry), source: source)
                case (_, 0x0110):
                    metadata.set(.model, text: try string(entry), source: source)
                case (_, 0x0131):
                    metadata.set(.software, text: try string(entry), source: source)
                case (_, 0x9003):
                    metadata.set(.dateTimeOriginal, text: try string(entry), source: source)
                case (_, 0x9004):
                    metadata.set(.createDate, text: try string(entry), source: source)
                case (_, 0x9011):
                    metadata.set(.offsetTimeOriginal, text: try string(entry), source: source)
                case (.exif, 0x927C):
                    if let note = try valueBytes(entry) {
                        let make = metadata[.make]?.string
                        MakerNotes.read(note[...], make: make, source: source, into: &metadata)
                        if make == "DJI", MakerNotes.isDJIIFD(note[...]), let at = try valueOffset(entry) {
                            subdirectories.append((at, .djiMakerNote))
                        }
                    }
                default:
                    continue
                }
            }
            if let width = size.width, let height = size.height, directory != .ifd1, directory != .exif,
                subfileType & 1 == 0, width > (fullImageSize?.width ?? 0)
            {
                fullImageSize = (width, height, "\(container):\(directory.rawValue):0x0100")
            }
            for (pointer, target) in subdirectories {
                _ = try parseIFD(at: pointer, as: target, into: &metadata)
            }
            guard table.count >= count * entrySize + layout.fieldSize else { return nil }
            let link = count * entrySize
            let nextOffset = layout.isBig ? reader.uint64(at: link) : reader.uint32(at: link).map(UInt64.init)
            return nextOffset.flatMap { Int(exactly: $0) }
        }

        /// Where an entry's value starts (from the TIFF header): its field, or the offset in it.
        func valueOffset(_ entry: Entry) throws(ByteSourceError) -> Int? {
            guard let unit = Layout.unitSize(of: entry.type), entry.count <= UInt64(Int.max / 8) else { return nil }
            guard Int(entry.count) * unit > layout.fieldSize else { return entry.fieldOffset }
            guard let field = try source.readExactly(at: base + entry.fieldOffset, count: layout.fieldSize) else {
                return nil
            }
            let reader = ByteReader(field, endianness: endianness)
            return (layout.isBig ? reader.uint64(at: 0) : reader.uint32(at: 0).map(UInt64.init)).flatMap {
                Int(exactly: $0)
            }
        }

        /// The raw bytes of an entry's value, or nil when they lie outside the data or are too long.
        func valueBytes(_ entry: Entry) throws(ByteSourceError) -> [UInt8]? {
            // LONG8, SLONG8 and IFD8 are BigTIFF's; exiftool reads them in classic TIFF too.
            guard let unit = Layout.unitSize(of: entry.type), entry.count <= UInt64(TIFFParser.maxValueBytes / unit)
            else { return nil }
            let length = Int(entry.count) * unit
            if length <= layout.fieldSize {
                return try source.readExactly(at: base + entry.fieldOffset, count: length)
            }
            guard let field = try source.readExactly(at: base + entry.fieldOffset, count: layout.fieldSize) else {
                return nil
            }
            let fieldReader = ByteReader(field, endianness: endianness)
            guard let offset = layout.isBig ? fieldReader.uint64(at: 0) : fieldReader.uint32(at: 0).map(UInt64.init),
                let start = Int(exactly: offset), start <= Int.max - base
            else { return nil }
            return try source.readExactly(at: base + start, count: length)
        }

        /// An ASCII (or undefined-as-text) value as exiftool shows it: cut at the first NUL,
        /// trailing white space removed.
        func string(_ entry: Entry) throws(ByteSourceError) -> String? {
            guard entry.type == 2 || entry.type == 7 || entry.type == 1, let bytes = try valueBytes(entry) else {
                return nil
            }
            let text = bytes.prefix { $0 != 0 }
            var end = text.endIndex
            while end > text.startIndex, [0x20, 0x09, 0x0A, 0x0D].contains(text[end - 1]) { end -= 1 }
            return String(decoding: text[..<end], as: UTF8.self)
        }

        /// Unsigned integer values (BYTE, SHORT, LONG, IFD, and BigTIFF's LONG8 and IFD8).
        func integers(_ entry: Entry) throws(ByteSourceError) -> [UInt64] {
            guard let bytes = try valueBytes(entry) else { return [] }
            let reader = ByteReader(bytes, endianness: endianness)
            switch entry.type {
            case 1, 7: return bytes.map(UInt64.init)
            case 3: return stride(from: 0, to: bytes.count, by: 2).compactMap { reader.uint16(at: $0).map(UInt64.init) }
            case 4, 13:
                return stride(from: 0, to: bytes.count, by: 4).compactMap { reader.uint32(at: $0).map(UInt64.init) }
            case 16, 18: return stride(from: 0, to: bytes.count, by: 8).compactMap { reader.uint64(at: $0) }
            default: return []
            }
        }

        /// Rational values (RATIONAL, SRATIONAL) as numerator/denominator pairs.
        func rationals(_ entry: Entry) throws(ByteSourceError) -> [Rational] {
            guard entry.type == 5 || entry.type == 10, let bytes = try valueBytes(entry) else { return [] }
            let reader = ByteReader(bytes, endianness: endianness)
            return stride(from: 0, to: bytes.count, by: 8).compactMap { at in
                guard let numerator = reader.uint32(at: at), let denominator = reader.uint32(at: at + 4) else {
                    return nil
                }
                return entry.type == 5
                    ? Rational(numerator: Double(numerator), denominator: Double(denominator))
                    : Rational(
                        numerator: Double(Int32(bitPattern: numerator)),
                        denominator: Double(Int32(bitPattern: denominator)))
            }
        }
    }

    static func hex(_ tag: UInt16) -> String {
        let digits = String(tag, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// A TIFF rational; a zero denominator gives exiftool's "inf" / "undef" instead of a trap.
struct Rational: Equatable {
    var numerator: Double
    var denominator: Double

    /// The quotient, or nil when the denominator is 0.
    var value: Double? { denominator == 0 ? nil : numerator / denominator }

    /// exiftool's text for a value that has no quotient.
    var undefinedText: String { numerator == 0 ? "undef" : (numerator < 0 ? "-inf" : "inf") }
}
