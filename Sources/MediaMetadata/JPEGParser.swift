import BinaryParsing

/// Reads JPEG segments up to the start of scan: Exif and XMP (incl. Extended XMP) in APP1,
/// FLIR thermal cameras' FFF block in APP1 "FLIR" segments, the coded image size in SOFn.
enum JPEGParser {
    /// Segments read at most before giving up on a file (real files have a few dozen).
    static let maxSegments = 4096
    static let exifHeader = Array("Exif\0\0".utf8)
    static let xmpHeader = Array("http://ns.adobe.com/xap/1.0/\0".utf8)
    static let extendedXMPHeader = Array("http://ns.adobe.com/xmp/extension/\0".utf8)
    /// Total bytes of Extended XMP kept for one file.
    static let maxExtendedXMP = 8 << 20

    static func parse(_ source: some ByteSource, into metadata: inout MediaMetadata) throws(ByteSourceError) {
        var offset = 2
        var extended = ExtendedXMP()
        var flir = FLIRSegments()
        var seenSize = false
        for _ in 0..<maxSegments {
            guard let head = try source.readExactly(at: offset, count: 2) else {
                metadata.warn("JPEG format error: file ends before the image data")
                break
            }
            guard head[0] == 0xFF else {
                metadata.warn("JPEG format error: no segment marker at offset \(offset)")
                break
            }
            let marker = head[1]
            if marker == 0xFF {  // fill byte
                offset += 1
                continue
            }
            if marker == 0xD9 || marker == 0xDA { break }  // end of image / start of scan
            if marker == 0x01 || marker == 0xD8 || (0xD0...0xD7).contains(marker) {  // no length
                offset += 2
                continue
            }
            guard let lengthBytes = try source.readExactly(at: offset + 2, count: 2) else {
                metadata.warn("JPEG format error: segment at offset \(offset) is truncated")
                break
            }
            let length = Int(lengthBytes[0]) << 8 | Int(lengthBytes[1])
            let payloadOffset = offset + 4
            guard length >= 2, payloadOffset + length - 2 <= source.size else {
                metadata.warn("JPEG format error: segment 0xFF\(hex(marker)) at offset \(offset) runs past the end")
                break
            }
            let payloadLength = length - 2
            switch marker {
            case 0xE1:
                let payload = try source.read(at: payloadOffset, count: payloadLength)[...]
                if payload.starts(with: exifHeader) {
                    TIFFParser.parseExif(payload.dropFirst(exifHeader.count), container: "EXIF", into: &metadata)
                } else if payload.starts(with: xmpHeader) {
                    XMPParser.parse(payload.dropFirst(xmpHeader.count), container: "APP1", into: &metadata)
                } else if payload.starts(with: extendedXMPHeader) {
                    extended.add(payload.dropFirst(extendedXMPHeader.count))
                } else if FLIRSegments.isSegment(payload), let block = flir.add(payload, into: &metadata) {
                    FLIRParser.parse(block, into: &metadata)
                }
            case 0xE0, 0xEC:
                // Vendor segments: Canon's CIFF heap (APP0) and Olympus "[picture info]" text (APP12).
                let payload = try source.read(at: payloadOffset, count: payloadLength)[...]
                if marker == 0xE0, CIFFParser.isHeap(payload) {
                    CIFFParser.parse(payload, container: "JPEG APP0", into: &metadata)
                } else if marker == 0xEC {
                    readPictureInfo(payload, into: &metadata)
                }
            case 0xC0...0xCF where marker != 0xC4 && marker != 0xC8 && marker != 0xCC:
                guard !seenSize, let frame = try source.readExactly(at: payloadOffset, count: 5) else { break }
                let reader = ByteReader(frame)
                if let height = reader.uint16(at: 1), let width = reader.uint16(at: 3) {
                    let source = "JPEG:SOF\(marker - 0xC0)"
                    metadata.set(.imageWidth, .integer(Int64(width)), source: source, priority: .file)
                    metadata.set(.imageHeight, .integer(Int64(height)), source: source, priority: .file)
                    seenSize = true
                }
            default:
                break
            }
            offset = payloadOffset + payloadLength
        }
        if let packet = extended.packet() {
            XMPParser.parse(packet[...], container: "APP1 Extended XMP", into: &metadata)
        }
    }

    /// Olympus APP12 "[picture info]" text: `TimeDate=` holds the capture time in seconds since
    /// 1970 (exiftool's APP12 PictureInfo DateTimeOriginal).
    static func readPictureInfo(_ payload: ArraySlice<UInt8>, into metadata: inout MediaMetadata) {
        let text = String(decoding: payload.prefix(4096), as: UTF8.self)
        guard text.contains("[picture info]") else { return }
        for line in text.split(whereSeparator: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" })
        where line.hasPrefix("TimeDate=") {
            guard let seconds = Int64(line.dropFirst("TimeDate=".count)), seconds >= 0 else { return }
            metadata.set(
                .dateTimeOriginal, .text(MetadataDate.fromUnix(seconds: seconds)),
                source: "JPEG APP12:PictureInfo:TimeDate",
                priority: .secondary)
            return
        }
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }

    /// Extended XMP chunks: 32-byte GUID, 4-byte full length, 4-byte offset, data. Chunks of the
    /// first GUID are placed at their offsets; gaps make the packet unusable.
    struct ExtendedXMP {
        var guid: ArraySlice<UInt8>?
        var fullLength = 0
        var chunks: [(offset: Int, data: ArraySlice<UInt8>)] = []

        mutating func add(_ chunk: ArraySlice<UInt8>) {
            let reader = ByteReader(chunk)
            guard let id = reader.slice(at: 0, count: 32), let length = reader.uint32(at: 32),
                let offset = reader.uint32(at: 36), let data = reader.slice(at: 40, count: chunk.count - 40)
            else { return }
            if guid == nil {
                guid = id
                fullLength = Int(length)
            }
            guard id.elementsEqual(guid ?? []), Int(length) == fullLength, fullLength <= JPEGParser.maxExtendedXMP,
                Int(offset) + data.count <= fullLength
            else { return }
            chunks.append((Int(offset), data))
        }

        func packet() -> [UInt8]? {
            guard !chunks.isEmpty else { return nil }
            var bytes = [UInt8](repeating: 0, count: fullLength)
            var covered = 0
            for chunk in chunks.sorted(by: { $0.offset < $1.offset }) {
                guard chunk.offset <= covered else { return nil }
                bytes.replaceSubrange(chunk.offset..<chunk.offset + chunk.data.count, with: chunk.data)
                covered = max(covered, chunk.offset + chunk.data.count)
            }
            return covered == fullLength ? bytes : nil
        }
    }
}
