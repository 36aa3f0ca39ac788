import BinaryParsing

/// Reads the FLIR FFF block of a thermal camera's JPEG (its APP1 "FLIR" segments): a 64-byte
/// header (`FFF\0`, creator, version 100–199, offset and count of the record directory), then
/// 32-byte directory entries (record type, offset, length) pointing at records. Two records hold
/// what vestige reports, as exiftool names them:
/// - CameraInfo (type 0x20): DateTimeOriginal at 0x384 (seconds since 1970, milliseconds, the
///   zone in minutes west), which exiftool finds after the Exif one and so prints instead;
/// - GPSInfo (type 0x2B, little-endian): GPSLatitude and GPSLongitude as signed doubles and
///   GPSAltitude as a float, used only when its first word (GPSValid) is non-zero. exiftool's
///   Composite GPS tags, made from Exif after everything was read, win over these, so they are
///   recorded below Exif's priority; they win over XMP's, whose tags have priority 0.
enum FLIRParser {
    static let maxRecords = 1024

    /// Reads one joined FFF block.
    static func parse(_ block: [UInt8], into metadata: inout MediaMetadata) {
        var reader = ByteReader(block, endianness: .big)
        guard let magic = reader.slice(at: 0, count: 4),
            magic.elementsEqual("FFF\0".utf8) || magic.elementsEqual("AFF\0".utf8), block.count >= 0x40
        else {
            metadata.warn("FLIR APP1: not an FFF block")
            return
        }
        // The version (100…199) tells the byte order: the APP1 block is usually big-endian.
        if let version = reader.uint32(at: 0x14), !(100..<200).contains(version) {
            reader.endianness = .little
            guard let swapped = reader.uint32(at: 0x14), (100..<200).contains(swapped) else {
                metadata.warn("FLIR APP1: unsupported FFF version")
                return
            }
        }
        guard let directory = reader.uint32(at: 0x18).map(Int.init), let count = reader.uint32(at: 0x1C).map(Int.init)
        else { return }
        guard count <= maxRecords, directory <= block.count, count * 0x20 <= block.count - directory else {
            metadata.warn("FLIR APP1: truncated FFF record directory")
            return
        }
        for index in 0..<count {
            let entry = directory + index * 0x20
            guard let type = reader.uint16(at: entry), type != 0,
                let offset = reader.uint32(at: entry + 0x0C).map(Int.init),
                let length = reader.uint32(at: entry + 0x10).map(Int.init)
            else { continue }
            guard let record = reader.slice(at: offset, count: length) else {
                metadata.warn("FLIR APP1: invalid FFF record")
                return
            }
            switch type {
            case 0x20: cameraInfo(record, endianness: reader.endianness, into: &metadata)
            case 0x2B: gpsInfo(record, into: &metadata)
            default: break
            }
        }
    }

    /// CameraInfo: its first word (2) tells whether its byte order is the header's.
    static func cameraInfo(
        _ record: ArraySlice<UInt8>, endianness: ByteReader.Endianness, into metadata: inout MediaMetadata
    ) {
        var reader = ByteReader(record, endianness: endianness)
        if let marker = reader.uint16(at: 0), marker >= 0x0100 {
            reader.endianness = endianness == .big ? .little : .big
        }
        guard let seconds = reader.uint32(at: 0x384), let fraction = reader.uint32(at: 0x388),
            let zone = reader.uint16(at: 0x38C).map({ Int(Int16(bitPattern: $0)) })
        else { return }
        // exiftool: ConvertUnixTime(seconds - zone*60), '.%.3d' of the milliseconds, and the zone.
        let offset = -zone
        let local = MetadataDate.fromUnix(seconds: Int64(seconds) - Int64(zone) * 60)
        let sign = offset < 0 ? "-" : "+"
        let zoneText =
            "\(sign)\(NumberFormatting.twoDigits(abs(offset) / 60)):\(NumberFormatting.twoDigits(abs(offset) % 60))"
        let text = "\(local).\(NumberFormatting.padded(Int(fraction & 0xFFFF), width: 3))\(zoneText)"
        metadata.setLatest(.dateTimeOriginal, .text(text), source: "FLIR:CameraInfo:0x384", priority: .primary)
    }

    /// GPSInfo: always little-endian.
    static func gpsInfo(_ record: ArraySlice<UInt8>, into metadata: inout MediaMetadata) {
        let reader = ByteReader(record, endianness: .little)
        guard let valid = reader.uint32(at: 0), valid != 0 else { return }
        let source = "FLIR:GPSInfo"
        if let latitude = reader.uint64(at: 0x10).map(Double.init(bitPattern:)), latitude.isFinite {
            metadata.set(.gpsLatitude, .real(latitude), source: source + ":0x10", priority: .secondary)
        }
        if let longitude = reader.uint64(at: 0x18).map(Double.init(bitPattern:)), longitude.isFinite {
            metadata.set(.gpsLongitude, .real(longitude), source: source + ":0x18", priority: .secondary)
        }
        if let altitude = reader.uint32(at: 0x20).map({ Double(Float(bitPattern: $0)) }), altitude.isFinite {
            metadata.set(.gpsAltitude, .real(altitude), source: source + ":0x20", priority: .secondary)
        }
    }
}
