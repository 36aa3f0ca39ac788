/// Strips location and camera metadata the way a platform's transcoder does, without touching
/// the image or video data: what `/media/transcoded/` serves.
///
/// - JPEG: APP1…APP15 segments (Exif, XMP, ICC, maker data) are dropped.
/// - ISO-BMFF (MP4/MOV/3GP): `udta` and `meta` boxes inside `moov` (and its `trak`s) are renamed
///   `free`; sizes stay, so `stco`/`co64` chunk offsets stay valid.
/// - PNG: `eXIf`, `iTXt`, `tEXt` and `zTXt` chunks are dropped.
/// - WebP: `EXIF` and `XMP ` chunks are dropped, the VP8X flags and the RIFF size fixed.
///
/// Malformed input is cut where it stops making sense (a transcoder cannot copy what it cannot
/// read); unknown types pass unchanged.
enum MetadataStripper {
    static func strip(_ bytes: [UInt8], mimeType: String) -> [UInt8] {
        switch mimeType {
        case "image/jpeg": stripJPEG(bytes)
        case "image/png": stripPNG(bytes)
        case "image/webp": stripWebP(bytes)
        case "video/mp4", "video/quicktime", "video/3gpp": freeISOBMFFMetadata(bytes)
        default: bytes
        }
    }

    // MARK: JPEG

    static func stripJPEG(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return bytes }
        var output: [UInt8] = [0xFF, 0xD8]
        var index = 2
        while index + 1 < bytes.count {
            guard bytes[index] == 0xFF else { break }
            let marker = bytes[index + 1]
            if marker == 0xFF {  // fill byte
                index += 1
                continue
            }
            // Markers without a length: TEM, RST0…7, SOI, EOI.
            if marker == 0x01 || (0xD0...0xD9).contains(marker) {
                output += bytes[index..<index + 2]
                index += 2
                if marker == 0xD9 { break }
                continue
            }
            guard index + 3 < bytes.count else { break }
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            let end = index + 2 + length
            guard length >= 2, end <= bytes.count else { break }
            if marker == 0xDA {  // start of scan: the entropy-coded data and the rest stay as they are
                output += bytes[index...]
                return output
            }
            if !(0xE1...0xEF).contains(marker) {
                output += bytes[index..<end]
            }
            index = end
        }
        return output
    }

    // MARK: PNG

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    static let pngMetadataChunks: Set<String> = ["eXIf", "iTXt", "tEXt", "zTXt"]

    static func stripPNG(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.starts(with: pngSignature) else { return bytes }
        var output = pngSignature
        var index = pngSignature.count
        while index + 8 <= bytes.count {
            let length = Int(readUInt32BE(bytes, at: index))
            let type = fourCC(bytes, at: index + 4)
            let end = index + 12 + length
            guard end <= bytes.count else { break }
            if !pngMetadataChunks.contains(type) {
                output += bytes[index..<end]
            }
            index = end
            if type == "IEND" { break }
        }
        return output
    }

    // MARK: WebP

    static func stripWebP(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 12, fourCC(bytes, at: 0) == "RIFF", fourCC(bytes, at: 8) == "WEBP" else { return bytes }
        let riffEnd = min(bytes.count, 8 + Int(readUInt32LE(bytes, at: 4)))
        var chunks: [UInt8] = []
        var index = 12
        while index + 8 <= riffEnd {
            let type = fourCC(bytes, at: index)
            let size = Int(readUInt32LE(bytes, at: index + 4))
            let end = min(riffEnd, index + 8 + size + (size & 1))
            guard index + 8 + size <= riffEnd else { break }
            if type == "VP8X", size >= 1 {
                var chunk = Array(bytes[index..<end])
                chunk[8] &= ~UInt8(0x08 | 0x04)  // EXIF and XMP flags
                chunks += chunk
            } else if type != "EXIF", type != "XMP " {
                chunks += bytes[index..<end]
            }
            index = end
        }
        let riffSize = UInt32(4 + chunks.count)
        var output = Array("RIFF".utf8)
        output += [
            UInt8(riffSize & 0xFF), UInt8(riffSize >> 8 & 0xFF), UInt8(riffSize >> 16 & 0xFF), UInt8(riffSize >> 24),
        ]
        output += Array("WEBP".utf8)
        output += chunks
        return output
    }

    // MARK: ISO-BMFF

    static let renamedBoxes: Set<String> = ["udta", "meta"]

    static func freeISOBMFFMetadata(_ bytes: [UInt8]) -> [UInt8] {
        var output = bytes
        for box in boxes(in: bytes, from: 0, to: bytes.count) where box.type == "moov" {
            renameMetadata(in: &output, from: box.contentStart, to: box.end, depth: 0)
        }
        return output
    }

    private static func renameMetadata(in bytes: inout [UInt8], from start: Int, to end: Int, depth: Int) {
        guard depth < 4 else { return }
        for box in boxes(in: bytes, from: start, to: end) {
            if renamedBoxes.contains(box.type) {
                bytes.replaceSubrange(box.start + 4..<box.start + 8, with: Array("free".utf8))
            } else if box.type == "trak" {
                renameMetadata(in: &bytes, from: box.contentStart, to: box.end, depth: depth + 1)
            }
        }
    }

    private struct Box {
        let type: String
        let start: Int
        let contentStart: Int
        let end: Int
    }

    /// The boxes between `start` and `end`; stops at the first one that does not fit.
    private static func boxes(in bytes: [UInt8], from start: Int, to end: Int) -> [Box] {
        var found: [Box] = []
        var index = start
        while index + 8 <= end {
            var size = Int(readUInt32BE(bytes, at: index))
            var header = 8
            if size == 1 {
                guard index + 16 <= end else { break }
                let large =
                    UInt64(readUInt32BE(bytes, at: index + 8)) << 32 | UInt64(readUInt32BE(bytes, at: index + 12))
                guard large <= UInt64(end - index) else { break }
                size = Int(large)
                header = 16
            } else if size == 0 {
                size = end - index
            }
            guard size >= header, index + size <= end else { break }
            found.append(
                Box(type: fourCC(bytes, at: index + 4), start: index, contentStart: index + header, end: index + size))
            index += size
        }
        return found
    }

    // MARK: Bytes

    private static func readUInt32BE(_ bytes: [UInt8], at index: Int) -> UInt32 {
        UInt32(bytes[index]) << 24 | UInt32(bytes[index + 1]) << 16 | UInt32(bytes[index + 2]) << 8
            | UInt32(bytes[index + 3])
    }

    private static func readUInt32LE(_ bytes: [UInt8], at index: Int) -> UInt32 {
        UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3])
            << 24
    }

    private static func fourCC(_ bytes: [UInt8], at index: Int) -> String {
        String(decoding: bytes[index..<index + 4], as: UTF8.self)
    }
}
