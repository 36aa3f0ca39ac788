/// Builds little- or big-endian TIFF blocks entry by entry, for hand-made trap files.
struct TIFFBuilder {
    enum Value {
        case ascii(String)
        case short(UInt16)
        case long(UInt32)
        case rationals([(UInt32, UInt32)])
        /// A pointer to another IFD, by its index in `ifds`.
        case ifd(Int)
        /// A raw offset (to make pointers that go wrong).
        case rawOffset(UInt32)
    }

    var bigEndian = false
    /// IFDs in file order; each a list of (tag, value).
    var ifds: [[(UInt16, Value)]] = []
    /// For each IFD, the index of the next IFD in the chain (nil = end), or a raw offset.
    var next: [Int: UInt32] = [:]

    func bytes() -> [UInt8] {
        func u16(_ v: UInt16) -> [UInt8] {
            bigEndian ? [UInt8(v >> 8), UInt8(v & 0xFF)] : [UInt8(v & 0xFF), UInt8(v >> 8)]
        }
        func u32(_ v: UInt32) -> [UInt8] {
            let b = [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
            return bigEndian ? b : b.reversed()
        }
        // Layout: header, then each IFD followed by its out-of-line data.
        var offsets: [UInt32] = []
        var position: UInt32 = 8
        for ifd in ifds {
            offsets.append(position)
            let extra = ifd.reduce(0) { total, entry in
                let size = Self.size(entry.1)
                return total + (size > 4 ? size + (size & 1) : 0)
            }
            position += UInt32(2 + ifd.count * 12 + 4 + extra)
        }
        var out: [UInt8] = (bigEndian ? Array("MM".utf8) : Array("II".utf8)) + u16(42) + u32(offsets.first ?? 0)
        for (index, ifd) in ifds.enumerated() {
            var data: [UInt8] = []
            let dataStart = offsets[index] + UInt32(2 + ifd.count * 12 + 4)
            out += u16(UInt16(ifd.count))
            for (tag, value) in ifd {
                let (type, count, payload): (UInt16, UInt32, [UInt8])
                switch value {
                case .ascii(let text): (type, count, payload) = (2, UInt32(text.utf8.count + 1), Array(text.utf8) + [0])
                case .short(let v): (type, count, payload) = (3, 1, u16(v) + [0, 0])
                case .long(let v): (type, count, payload) = (4, 1, u32(v))
                case .rationals(let parts):
                    (type, count, payload) = (5, UInt32(parts.count), parts.flatMap { u32($0.0) + u32($0.1) })
                case .ifd(let target): (type, count, payload) = (4, 1, u32(offsets[target]))
                case .rawOffset(let offset): (type, count, payload) = (4, 1, u32(offset))
                }
                out += u16(tag) + u16(type) + u32(count)
                if payload.count <= 4 {
                    out += payload + Array(repeating: 0, count: 4 - payload.count)
                } else {
                    out += u32(dataStart + UInt32(data.count))
                    data += payload + (payload.count & 1 == 1 ? [0] : [])
                }
            }
            out += u32(next[index] ?? 0)
            out += data
        }
        return out
    }

    /// Offset at which IFD `index` will start (for pointers built by hand).
    func offset(ofIFD index: Int) -> UInt32 {
        var position: UInt32 = 8
        for ifd in ifds.prefix(index) {
            let extra = ifd.reduce(0) { total, entry in
                let size = Self.size(entry.1)
                return total + (size > 4 ? size + (size & 1) : 0)
            }
            position += UInt32(2 + ifd.count * 12 + 4 + extra)
        }
        return position
    }

    static func size(_ value: Value) -> Int {
        switch value {
        case .ascii(let text): text.utf8.count + 1
        case .short: 2
        case .long, .ifd, .rawOffset: 4
        case .rationals(let parts): parts.count * 8
        }
    }
}

/// Wraps a TIFF block in a minimal JPEG (SOI, APP1 Exif, SOF0, SOS, EOI).
func jpeg(
    exif: [UInt8]? = nil, xmp: String? = nil, width: UInt16 = 64, height: UInt16 = 48, extraSegments: [[UInt8]] = []
)
    -> [UInt8]
{
    func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        let length = UInt16(payload.count + 2)
        return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }
    var out: [UInt8] = [0xFF, 0xD8]
    if let exif { out += segment(0xE1, Array("Exif\0\0".utf8) + exif) }
    if let xmp { out += segment(0xE1, Array("http://ns.adobe.com/xap/1.0/\0".utf8) + Array(xmp.utf8)) }
    for extra in extraSegments { out += extra }
    out += segment(
        0xC0, [8, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF), 1, 1, 0x11, 0])
    out += segment(0xDA, [1, 1, 0, 0, 0x3F, 0]) + [0x00, 0x00, 0xFF, 0xD9]
    return out
}
