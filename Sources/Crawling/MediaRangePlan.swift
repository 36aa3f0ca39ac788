/// Header-only media fetching: which byte ranges of a JPEG or an ISO-BMFF video (MP4, MOV, 3GP)
/// hold its metadata, worked out from the ranges fetched so far.
///
/// JPEG: the segments before the image data (start of scan). ISO-BMFF: the top-level box
/// headers, skipping `mdat` and other boxes by their sizes, until the whole `moov` is known,
/// wherever it sits. Other formats (PNG and WebP may keep Exif after the image data; HEIF
/// keeps it in items anywhere) are fetched whole.
public struct MediaRangePlan: Sendable {
    /// The formats fetched in ranges.
    public enum Kind: Sendable { case jpeg, isoBMFF }

    /// Bytes asked for first, and for each box header found past what is known.
    public static let chunk = 64 * 1024
    /// Most range requests for one file; past this the plan gives up (the file is kept as fetched).
    public static let maxRequests = 16
    /// Largest `moov` or run of JPEG segments fetched (bigger ones are not plausible headers).
    public static let maxHeaderBytes = 16 << 20

    /// The format, from the URL path's extension; nil for formats fetched whole.
    public static func kind(forPath path: String) -> Kind? {
        let name = path.split(separator: "/").last.map { $0.lowercased() } ?? ""
        guard let dot = name.lastIndex(of: ".") else { return nil }
        switch name[name.index(after: dot)...] {
        case "jpg", "jpeg", "jpe", "jfif": return .jpeg
        case "mp4", "m4v", "mov", "qt", "3gp", "3g2": return .isoBMFF
        default: return nil
        }
    }

    /// What to fetch next.
    public enum Step: Equatable, Sendable {
        /// The metadata is known (or cannot be found in ranges): stop.
        case done
        /// Fetch `lower...upper` (inclusive, as in a Range header).
        case fetch(lower: Int, upper: Int)
    }

    public let kind: Kind
    /// The file's full size (from Content-Range).
    public let size: Int

    /// A plan for a file of `size` bytes.
    public init(kind: Kind, size: Int) {
        self.kind = kind
        self.size = size
    }

    /// The next range to fetch given the bytes known so far.
    public func next(known: SparseByteView) -> Step {
        switch kind {
        case .jpeg: nextJPEG(known)
        case .isoBMFF: nextBox(known)
        }
    }

    private func fetch(from lower: Int, length: Int) -> Step {
        guard lower < size, length > 0 else { return .done }
        return .fetch(lower: lower, upper: min(size, lower + length) - 1)
    }

    /// Walks the JPEG marker segments until start of scan; asks for the rest of a segment that
    /// runs past the known bytes.
    private func nextJPEG(_ known: SparseByteView) -> Step {
        guard known.byte(at: 0) == 0xFF, known.byte(at: 1) == 0xD8 else { return .done }
        var position = 2
        for _ in 0..<1000 {
            guard let marker = known.byte(at: position + 1) else { return fetch(from: position, length: Self.chunk) }
            guard known.byte(at: position) == 0xFF else { return .done }
            // Start of scan, end of image, or a marker without a length: the headers are over.
            if marker == 0xDA || marker == 0xD9 || marker == 0xFF || (0xD0...0xD7).contains(marker) { return .done }
            guard let high = known.byte(at: position + 2), let low = known.byte(at: position + 3) else {
                return fetch(from: position, length: Self.chunk)
            }
            let end = position + 2 + (Int(high) << 8 | Int(low))
            guard end <= Self.maxHeaderBytes else { return .done }
            if !known.contains(lower: position, upper: end - 1) {
                let gap = known.firstMissing(from: position)
                return fetch(from: gap, length: max(end - gap, Self.chunk))
            }
            position = end
        }
        return .done
    }

    /// Walks the top-level boxes: done once a whole `moov` is known.
    private func nextBox(_ known: SparseByteView) -> Step {
        var position = 0
        for _ in 0..<10_000 {
            guard position + 8 <= size else { return .done }
            guard let header = known.bytes(at: position, count: 8) else {
                return fetch(from: known.firstMissing(from: position), length: Self.chunk)
            }
            var boxSize = header[0..<4].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: header[4..<8], as: UTF8.self)
            var headerLength = 8
            if boxSize == 1 {
                guard let large = known.bytes(at: position + 8, count: 8) else {
                    return fetch(from: known.firstMissing(from: position), length: Self.chunk)
                }
                guard large[0] & 0x80 == 0 else { return .done }
                boxSize = large.reduce(0) { $0 << 8 | Int($1) }
                headerLength = 16
            } else if boxSize == 0 {
                boxSize = size - position
            }
            guard boxSize >= headerLength else { return .done }
            let end = position + boxSize
            if type == "moov" {
                guard boxSize <= Self.maxHeaderBytes else { return .done }
                if known.contains(lower: position, upper: min(end, size) - 1) { return .done }
                let gap = known.firstMissing(from: position)
                return fetch(from: gap, length: max(min(end, size) - gap, 1))
            }
            position = end
        }
        return .done
    }
}

/// The ranges of one file fetched so far, as the plan reads them.
public struct SparseByteView: Sendable {
    /// Known pieces as (offset, bytes), any order, may overlap.
    public private(set) var pieces: [(offset: Int, bytes: [UInt8])] = []

    public init() {}

    /// Adds the bytes of a 206 response starting at `offset`.
    public mutating func add(offset: Int, bytes: [UInt8]) {
        guard offset >= 0, !bytes.isEmpty else { return }
        pieces.append((offset, bytes))
    }

    func byte(at offset: Int) -> UInt8? {
        for piece in pieces where offset >= piece.offset && offset < piece.offset + piece.bytes.count {
            return piece.bytes[offset - piece.offset]
        }
        return nil
    }

    func bytes(at offset: Int, count: Int) -> [UInt8]? {
        var result: [UInt8] = []
        result.reserveCapacity(count)
        for index in offset..<offset + count {
            guard let value = byte(at: index) else { return nil }
            result.append(value)
        }
        return result
    }

    /// Whether every byte of `lower...upper` is known.
    func contains(lower: Int, upper: Int) -> Bool {
        firstMissing(from: lower) > upper
    }

    /// The first unknown offset at or after `offset`.
    func firstMissing(from offset: Int) -> Int {
        var position = offset
        var advanced = true
        while advanced {
            advanced = false
            for piece in pieces where position >= piece.offset && position < piece.offset + piece.bytes.count {
                position = piece.offset + piece.bytes.count
                advanced = true
            }
        }
        return position
    }
}
