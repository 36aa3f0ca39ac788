import BinaryParsing

/// Reads TIFF structures: standalone TIFF and TIFF-based raw files, and the Exif blocks that
/// JPEG, PNG, WebP and HEIF embed.
///
/// IFD0 → ExifIFD (0x8769) → GPS IFD (0x8825), SubIFDs (0x014A) and the IFD chain. Loops are cut
/// with a set of visited offsets; every count and offset is checked against the data; an IFD that
/// cannot be read costs only its own tags.
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
    }

    /// One 12-byte IFD entry.
    struct Entry {
        var tag: UInt16
        var type: UInt16
        var count: UInt32
        /// Offset (from the TIFF header) of the entry's 4-byte value/offset field.
        var fieldOffset: Int
    }

    /// Walks the IFDs of one TIFF structure.
    struct Reader<Source: ByteSource> {
        let source: Source
        let base: Int
        let container: String
        let isStandaloneFile: Bool
        var endianness: ByteReader.Endianness = .big
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
            // 42 for TIFF; Olympus ORF and Panasonic RW2 use their own magic numbers.
            guard let ifd0 = reader.uint32(at: 4) else { return }
            var next: Int? = Int(ifd0)
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
            visited.insert(offset)
            guard let countBytes = try source.readExactly(at: base + offset, count: 2),
                let declared = ByteReader(countBytes, endianness: endianness).uint16(at: 0)
            else {
                metadata.warn("\(container): \(directory.rawValue) offset \(offset) is past the end")
                return nil
            }
            var count = Int(declared)
            if count > TIFFParser.maxEntries {
                metadata.warn(
                    "\(container): \(directory.rawValue) claims \(count) entries; reading \(TIFFParser.maxEntries)")
                count = TIFFParser.maxEntries
            }
            let table = try source.read(at: base + offset + 2, count: count * 12 + 4)
            if table.count < count * 12 {
                metadata.warn("\(container): \(directory.rawValue) is truncated")
            }
            let reader = ByteReader(table, endianness: endianness)
            var subdirectories: [(Int, Directory)] = []
            var subfileType: UInt32 = 0
            var size: (width: Int64?, height: Int64?) = (nil, nil)
            for i in 0..<min(count, table.count / 12) {
                let at = i * 12
                guard let tag = reader.uint16(at: at), let type = reader.uint16(at: at + 2),
                    let valueCount = reader.uint32(at: at + 4)
                else { break }
                let entry = Entry(tag: tag, type: type, count: valueCount, fieldOffset: offset + 2 + at + 8)
                let source = "\(container):\(directory.rawValue):0x\(hex(tag))"
                switch (directory, tag) {
                case (.gps, _):
                    try gps.read(entry, with: self, into: &metadata)
                case (_, 0x8769), (_, 0x8825), (_, 0x014A):
                    let target: Directory = tag == 0x8769 ? .exif : (tag == 0x8825 ? .gps : .subIFD)
                    guard [3, 4, 13].contains(type) else {
                        metadata.warn("\(container): \(target.rawValue) pointer has the wrong type")
                        continue
                    }
                    for pointer in try integers(entry).prefix(8) { subdirectories.append((Int(pointer), target)) }
                case (_, 0x00FE):
                    subfileType = UInt32(clamping: try integers(entry).first ?? 0)
                case (_, 0x0100):
                    size.width = try integers(entry).first.map { Int64($0) }
                case (_, 0x0101):
                    size.height = try integers(entry).first.map { Int64($0) }
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
                        MakerNotes.read(note[...], make: metadata[.make]?.string, source: source, into: &metadata)
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
            guard table.count >= count * 12 + 4 else { return nil }
            return reader.uint32(at: count * 12).map(Int.init)
        }

        /// The raw bytes of an entry's value, or nil when they lie outside the data or are too long.
        func valueBytes(_ entry: Entry) throws(ByteSourceError) -> [UInt8]? {
            let unit: Int
            switch entry.type {
            case 1, 2, 6, 7: unit = 1
            case 3, 8: unit = 2
            case 4, 9, 11, 13: unit = 4
            case 5, 10, 12: unit = 8
            default: return nil
            }
            guard entry.count <= UInt32(TIFFParser.maxValueBytes / unit) else { return nil }
            let length = Int(entry.count) * unit
            if length <= 4 {
                return try source.readExactly(at: base + entry.fieldOffset, count: length)
            }
            guard let field = try source.readExactly(at: base + entry.fieldOffset, count: 4),
                let offset = ByteReader(field, endianness: endianness).uint32(at: 0)
            else { return nil }
            return try source.readExactly(at: base + Int(offset), count: length)
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

        /// Unsigned integer values (BYTE, SHORT, LONG, IFD).
        func integers(_ entry: Entry) throws(ByteSourceError) -> [UInt64] {
            guard let bytes = try valueBytes(entry) else { return [] }
            let reader = ByteReader(bytes, endianness: endianness)
            switch entry.type {
            case 1, 7: return bytes.map(UInt64.init)
            case 3: return stride(from: 0, to: bytes.count, by: 2).compactMap { reader.uint16(at: $0).map(UInt64.init) }
            case 4, 13:
                return stride(from: 0, to: bytes.count, by: 4).compactMap { reader.uint32(at: $0).map(UInt64.init) }
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
