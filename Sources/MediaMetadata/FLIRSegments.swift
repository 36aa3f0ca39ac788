/// The APP1 "FLIR" segments of a thermal camera's JPEG, joined into one FFF block.
///
/// Each segment is `FLIR\0`, a version byte, the segment's number and the number of the last
/// segment (the count minus one), then a piece of the block. As exiftool does, the block is read
/// once every segment is there; a segment whose count disagrees with the first one's ends the
/// collection, and a number seen twice adds its piece to that number's.
struct FLIRSegments {
    static let signature = Array("FLIR\0".utf8)
    /// Largest FFF block kept; it holds the raw thermal image, typically 100–300 KiB.
    static let maxBytes = 16 << 20

    private var pieces: [[UInt8]?] = []
    private var received = 0
    private var bytes = 0
    private var isAbandoned = false

    /// True when `payload` (an APP1 segment's bytes) is a FLIR segment.
    static func isSegment(_ payload: ArraySlice<UInt8>) -> Bool {
        payload.count >= 8 && payload.starts(with: signature)
    }

    /// Adds one segment; returns the whole block when it was the last one missing.
    mutating func add(_ payload: ArraySlice<UInt8>, into metadata: inout MediaMetadata) -> [UInt8]? {
        guard !isAbandoned, payload.count >= 8 else { return nil }
        let number = Int(payload[payload.startIndex + 6])
        let total = Int(payload[payload.startIndex + 7]) + 1
        if pieces.isEmpty {
            pieces = Array(repeating: nil, count: total)
        } else if pieces.count != total {
            metadata.warn("JPEG FLIR segments: invalid or extraneous segment(s)")
            isAbandoned = true
            return nil
        }
        let piece = payload.dropFirst(8)
        bytes += piece.count
        guard bytes <= Self.maxBytes, number < total else {
            metadata.warn("JPEG FLIR segments: more than \(Self.maxBytes) bytes or a bad segment number; not read")
            isAbandoned = true
            return nil
        }
        if pieces[number] != nil {
            metadata.warn("JPEG FLIR segments: duplicate segment number(s)")
            pieces[number]? += piece
        } else {
            pieces[number] = Array(piece)
        }
        received += 1
        guard received >= total else { return nil }
        isAbandoned = true  // read once, as exiftool does
        return pieces.flatMap { $0 ?? [] }
    }
}
