import BinaryParsing

/// Reads PNG chunks: IHDR size, `eXIf` (wherever it is, also after IDAT) and XMP in `iTXt`.
enum PNGParser {
    /// Chunks visited at most; image data is skipped by seeking, so this bounds time, not memory.
    static let maxChunks = 100_000
    /// Largest metadata chunk read into memory.
    static let maxMetadataChunk = 16 << 20
    static let xmpKeyword = Array("XML:com.adobe.xmp".utf8)

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
            let wanted = ["IHDR", "eXIf", "iTXt", "tEXt"].contains(name)
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

    /// PNG textual keywords exiftool maps to vestige's fields (its PNG TextualData table).
    static func readText(keyword: ArraySlice<UInt8>, text: String, chunk: String, into metadata: inout MediaMetadata) {
        let name = String(decoding: keyword, as: UTF8.self)
        let source = "PNG:\(chunk):\(name)"
        switch name {
        case "Make": metadata.set(.make, text: text, source: source, priority: .secondary)
        case "Model": metadata.set(.model, text: text, source: source, priority: .secondary)
        case "Software": metadata.set(.software, text: text, source: source, priority: .secondary)
        case "create-date":
            metadata.set(.createDate, text: MetadataDate.fromXMP(text), source: source, priority: .secondary)
        default: break
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
            guard let keyword = reader.readCString(), let compressed = reader.readUInt8(), reader.readUInt8() != nil,
                reader.readCString() != nil, reader.readCString() != nil, let text = reader.readBytes(reader.remaining)
            else { return }
            guard compressed == 0 else {
                metadata.warn("PNG iTXt '\(String(decoding: keyword, as: UTF8.self))' is compressed; not read")
                return
            }
            if keyword.elementsEqual(xmpKeyword) {
                XMPParser.parse(text, container: "PNG iTXt", into: &metadata)
            } else {
                readText(keyword: keyword, text: String(decoding: text, as: UTF8.self), chunk: "iTXt", into: &metadata)
            }
        case "tEXt":
            // keyword NUL text, both Latin-1
            var reader = ByteReader(data)
            guard let keyword = reader.readCString(), let text = reader.readBytes(reader.remaining) else { return }
            let latin1 = String(String.UnicodeScalarView(text.compactMap(Unicode.Scalar.init)))
            readText(keyword: keyword, text: latin1, chunk: "tEXt", into: &metadata)
        default:
            break
        }
    }
}
