import BinaryParsing

/// Reads a QuickTime / MP4 `moov` box: movie header (time, duration), track headers (frame size),
/// user data and Apple metadata.
enum QuickTimeMovie {
    /// Reads the payload of a `moov` box.
    static func parse(_ moov: ArraySlice<UInt8>, into metadata: inout MediaMetadata) {
        for box in ISOBMFFBox.children(of: moov, path: "moov", into: &metadata) {
            switch box.type {
            case "mvhd": parseMovieHeader(box, into: &metadata)
            case "trak": parseTrack(box.payload, into: &metadata)
            case "udta": QuickTimeUserData.parse(box.payload, path: "moov/udta", into: &metadata)
            case "meta": QuickTimeMetadata.parse(box.payload, path: "moov/meta", into: &metadata)
            default: break
            }
        }
    }

    /// `mvhd`: creation time (seconds since 1904, UTC) and duration in timescale units;
    /// version 1 widens times and duration to 64 bits.
    static func parseMovieHeader(_ box: ISOBMFFBox, into metadata: inout MediaMetadata) {
        let source = "QuickTime:moov/mvhd"
        guard let (version, _, body) = box.fullBox, version <= 1 else {
            metadata.warn("QuickTime mvhd: missing or unknown version")
            return
        }
        var reader = ByteReader(body)
        let created: UInt64?
        let timescale: UInt32?
        let duration: UInt64?
        if version == 1 {
            created = reader.readUInt64()
            reader.skip(8)  // modification time
            timescale = reader.readUInt32()
            duration = reader.readUInt64()
        } else {
            created = reader.readUInt32().map(UInt64.init)
            reader.skip(4)
            timescale = reader.readUInt32()
            duration = reader.readUInt32().map(UInt64.init)
        }
        guard let created, let timescale, let duration else {
            metadata.warn("QuickTime mvhd: box is too short")
            return
        }
        metadata.setLatest(
            .createDate, .text(MetadataDate.fromQuickTime(seconds: created)), source: source, priority: .primary)
        guard timescale != 0 else {
            metadata.warn("QuickTime mvhd: timescale is 0, duration unknown")
            return
        }
        // exiftool prints whole seconds without a fraction (`2`, `3`).
        let whole = duration % UInt64(timescale) == 0 ? Int64(exactly: duration / UInt64(timescale)) : nil
        let value: MetadataValue = whole.map { .integer($0) } ?? .real(Double(duration) / Double(timescale))
        metadata.set(.duration, value, source: source)
    }

    /// `trak`: the track header's frame size, plus per-track user data and metadata.
    static func parseTrack(_ trak: ArraySlice<UInt8>, into metadata: inout MediaMetadata) {
        for box in ISOBMFFBox.children(of: trak, path: "moov/trak", into: &metadata) {
            switch box.type {
            case "tkhd": parseTrackHeader(box, into: &metadata)
            case "udta": QuickTimeUserData.parse(box.payload, path: "moov/trak/udta", into: &metadata)
            case "meta": QuickTimeMetadata.parse(box.payload, path: "moov/trak/meta", into: &metadata)
            default: break
            }
        }
    }

    /// `tkhd`: width and height are 16.16 fixed point after the matrix. Audio and metadata tracks
    /// have 0×0, so the first track with a size (the video) wins, as `set` keeps the first value.
    static func parseTrackHeader(_ box: ISOBMFFBox, into metadata: inout MediaMetadata) {
        guard let (version, _, body) = box.fullBox, version <= 1 else {
            metadata.warn("QuickTime tkhd: missing or unknown version")
            return
        }
        // Times, track id, duration and reserved fields (20 or 32 bytes), then 52 bytes of
        // reserved, layer, group, volume and matrix.
        let sizeOffset = (version == 1 ? 32 : 20) + 52
        let reader = ByteReader(body)
        guard let width = reader.uint32(at: sizeOffset), let height = reader.uint32(at: sizeOffset + 4) else {
            metadata.warn("QuickTime tkhd: box is too short")
            return
        }
        guard width != 0, height != 0 else { return }
        func pixels(_ fixed: UInt32) -> MetadataValue {
            fixed & 0xFFFF == 0 ? .integer(Int64(fixed >> 16)) : .real(Double(fixed) / 65536)
        }
        metadata.set(.imageWidth, pixels(width), source: "QuickTime:moov/trak/tkhd")
        metadata.set(.imageHeight, pixels(height), source: "QuickTime:moov/trak/tkhd")
    }
}
