import BinaryParsing

/// Reads PNG chunks: IHDR size, `eXIf` (wherever it is, also after IDAT) and the text chunks
/// (`tEXt`, `zTXt`, `iTXt`, compressed or not): XMP, ImageMagick's raw Exif/XMP profiles and the
/// textual keywords exiftool maps to vestige's fields.
enum PNGParser {
    /// Chunks visited at most; image data is skipped by seeking, so this bounds time, not memory.
    static let maxChunks = 100_000
    /// Largest metadata chunk read into memory.
    static let maxMetadataChunk = 16 << 20
    static let xmpKeyword = "XML:com.adobe.xmp"

    static func parse(_ file: some ByteSource, into metadata: inout MediaMetadata) throws(ByteSourceError) {
        var offset = 8
        for _ in 0..<maxChunks {
            guard let head = try file.readExactly(at: offset, count: 8) else {
                if offset < file.size { metadata.warn("PNG chunk header at offset \(offset) is truncated") }
                return
            }
            let reader = ByteReader(head)
            guard let length = reader.uint32(at: 0).map(Int.init) else { return }
            let name = String(decoding: head[4..<8], as: UTF8.self)
            let dataOffset = offset + 8
            guard dataOffset + length + 4 <= file.size else {
                metadata.warn("PNG chunk \(name) at offset \(offset) runs past the end")
                return
            }
            let wanted = ["IHDR", "eXIf", "iTXt", "tEXt", "zTXt"].contains(name)
            if wanted, length <= maxMetadataChunk {
                let data = try file.read(at: dataOffset, count: length)[...]
                read(chunk: name, data, into: &metadata)
            } else if wanted {
                metadata.warn("PNG chunk \(name) at offset \(offset) is too large to read (\(length) bytes)")
            }
            if name == "IEND" { return }
            offset = dataOffset + length + 4
        }
    }

    /// How a text chunk's text is encoded.
    enum TextEncoding { case latin1, utf8 }

    /// One text chunk's keyword and (inflated) text: XMP, a raw profile, or a textual tag.
    static func readTextual(
        keyword: String, _ text: ArraySlice<UInt8>, encoding: TextEncoding, chunk: String,
        into metadata: inout MediaMetadata
    ) {
        if keyword == xmpKeyword {
            XMPParser.parse(text, container: "PNG \(chunk)", into: &metadata)
        } else if let kind = PNGRawProfile.Kind(keyword: keyword) {
            PNGRawProfile.read(text, kind: kind, keyword: keyword, chunk: chunk, into: &metadata)
        } else {
            let decoded =
                encoding == .utf8
                ? String(decoding: text, as: UTF8.self)
                : String(String.UnicodeScalarView(text.compactMap(Unicode.Scalar.init)))
            readText(keyword: keyword, text: decoded, chunk: chunk, into: &metadata)
        }
    }

    /// PNG textual keywords exiftool maps to vestige's fields (its PNG TextualData table); like
    /// exiftool, a keyword written with a lower-case first letter ("make") also counts.
    static func readText(keyword: String, text: String, chunk: String, into metadata: inout MediaMetadata) {
        let source = "PNG:\(chunk):\(keyword)"
        let capitalized = keyword.prefix(1).uppercased() + keyword.dropFirst()
        for name in keyword == capitalized ? [keyword] : [keyword, capitalized] {
            switch name {
            case "Make": metadata.set(.make, text: text, source: source, priority: .secondary)
            case "Model": metadata.set(.model, text: text, source: source, priority: .secondary)
            case "Software": metadata.set(.software, text: text, source: source, priority: .secondary)
            case "create-date":
                metadata.set(.createDate, text: MetadataDate.fromXMP(text), source: source, priority: .secondary)
            default: continue
            }
            return
        }
    }

    /// The text of a compressed chunk, or nil with a warning: exiftool keeps nothing of text it
    /// cannot inflate (compression method 0 is zlib, the only one defined).
    static func inflated(
        _ data: ArraySlice<UInt8>, method: UInt8, keyword: String, chunk: String, into metadata: inout MediaMetadata
    ) -> [UInt8]? {
        guard method == 0 else {
            metadata.warn("PNG \(chunk) '\(keyword)': unknown compression method \(method)")
            return nil
        }
        do {
            return try Inflate.zlib(data)
        } catch {
            metadata.warn("PNG \(chunk) '\(keyword)': error inflating (\(error))")
            return nil
        }
    }

    static func read(chunk name: String, _ data: ArraySlice<UInt8>, into metadata: inout MediaMetadata) {
        switch name {
        case "IHDR":
            let reader = ByteReader(data)
            guard let width = reader.uint32(at: 0), let height = reader.uint32(at: 4) else { return }
            metadata.set(.imageWidth, .integer(Int64(width)), source: "PNG:IHDR", priority: .file)
            metadata.set(.imageHeight, .integer(Int64(height)), source: "PNG:IHDR", priority: .file)
        case "eXIf":
            // Some writers keep the JPEG-style "Exif\0\0" prefix.
            let tiff = data.starts(with: JPEGParser.exifHeader) ? data.dropFirst(JPEGParser.exifHeader.count) : data
            TIFFParser.parseExif(tiff, container: "PNG eXIf", into: &metadata)
        case "iTXt":
            // keyword NUL, compression flag, compression method, language NUL, translated keyword NUL, text
            var reader = ByteReader(data)
            guard let keywordBytes = reader.readCString(), let compressed = reader.readUInt8(),
                let method = reader.readUInt8(), let language = reader.readCString(), reader.readCString() != nil,
                let text = reader.readBytes(reader.remaining)
            else { return }
            let keyword = String(decoding: keywordBytes, as: UTF8.self)
            // exiftool names a text with a language "Keyword-lang" (Model-en), not Model.
            guard language.isEmpty else { return }
            if compressed == 0 {
                readTextual(keyword: keyword, text, encoding: .utf8, chunk: "iTXt", into: &metadata)
            } else if let inflated = inflated(text, method: method, keyword: keyword, chunk: "iTXt", into: &metadata) {
                readTextual(keyword: keyword, inflated[...], encoding: .utf8, chunk: "iTXt", into: &metadata)
            }
        case "tEXt":
            // keyword NUL text, both Latin-1
            var reader = ByteReader(data)
            guard let keyword = reader.readCString(), let text = reader.readBytes(reader.remaining) else { return }
            readTextual(keyword: latin1(keyword), text, encoding: .latin1, chunk: "tEXt", into: &metadata)
        case "zTXt":
            // keyword NUL, compression method, zlib data of Latin-1 text
            var reader = ByteReader(data)
            guard let keywordBytes = reader.readCString(), let method = reader.readUInt8(),
                let compressed = reader.readBytes(reader.remaining)
            else { return }
            let keyword = latin1(keywordBytes)
            guard let text = inflated(compressed, method: method, keyword: keyword, chunk: "zTXt", into: &metadata)
            else { return }
            readTextual(keyword: keyword, text[...], encoding: .latin1, chunk: "zTXt", into: &metadata)
        default:
            break
        }
    }

    /// Latin-1 bytes as text.
    static func latin1(_ bytes: ArraySlice<UInt8>) -> String {
        String(String.UnicodeScalarView(bytes.compactMap(Unicode.Scalar.init)))
    }
}
