/// Reads ZIP archives such as WACZ packages: the central directory (ZIP64 included), then any
/// entry by streaming its stored or deflated bytes with the CRC-32 and size checked.
///
/// Hostile input is expected: every offset and length is bounds-checked against the file,
/// entry counts, central-directory and entry sizes are capped (`ZIPReaderLimits`), entries may
/// not overlap each other or the central directory, a local header must name the same entry as
/// the central directory, and a name that could escape the folder it is unpacked into (`..`,
/// absolute, backslashes, control characters) refuses the whole archive. Encrypted entries,
/// methods other than stored and deflate, and split archives are refused by name.
public final class ZIPReader {
    /// The archive.
    public let path: String
    /// The caps in force.
    public let limits: ZIPReaderLimits
    /// The entries, in central-directory order.
    public let entries: [ZIPEntry]
    private let byName: [String: Int]
    private var file: POSIXFile
    /// Where the central directory starts: no entry's data may reach past it.
    private let centralDirectoryOffset: UInt64

    private static let localHeaderSignature: UInt32 = 0x0403_4B50
    private static let centralHeaderSignature: UInt32 = 0x0201_4B50
    private static let endSignature: UInt32 = 0x0605_4B50
    private static let zip64EndSignature: UInt32 = 0x0606_4B50
    private static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    /// Bytes read and inflated per step.
    static let chunkSize = 1 << 18

    /// Opens `path` and reads its central directory.
    public init(path: String, limits: ZIPReaderLimits = ZIPReaderLimits()) throws(ZIPError) {
        self.path = path
        self.limits = limits
        var opened: POSIXFile
        let size: UInt64
        do {
            opened = try POSIXFile.openForReading(path)
            size = UInt64(try opened.size())
        } catch {
            throw .io(path: path, reason: "\(error)")
        }
        do throws(ZIPError) {
            let directory = try Self.findCentralDirectory(file: opened, path: path, fileSize: size, limits: limits)
            entries = try Self.readCentralDirectory(
                file: opened, path: path, directory: directory, limits: limits)
            centralDirectoryOffset = directory.offset
        } catch {
            // Reading a file opened read-only: closing it cannot lose data.
            try? opened.close()
            throw error
        }
        file = opened
        var names: [String: Int] = [:]
        for (index, entry) in entries.enumerated() { names[entry.name] = index }
        byName = names
    }

    deinit { try? file.close() }

    /// True when the file at `path` starts with a ZIP local header (`PK\3\4`).
    public static func hasZIPMagic(path: String) -> Bool {
        do {
            var file = try POSIXFile.openForReading(path)
            defer { try? file.close() }
            return try readExactly(file, path: path, offset: 0, count: 4) == [0x50, 0x4B, 0x03, 0x04]
        } catch {
            // Unreadable or shorter than four bytes: not a ZIP file (the importer reports why).
            return false
        }
    }

    /// The entry called `name`, if any.
    public func entry(named name: String) -> ZIPEntry? {
        byName[name].map { entries[$0] }
    }

    /// The whole of a small entry (an index, a manifest), refusing entries over `limit` bytes.
    public func read(_ entry: ZIPEntry, limit: Int) throws(ZIPError) -> [UInt8] {
        guard entry.uncompressedSize <= UInt64(max(0, limit)) else {
            throw .limitExceeded(
                path: path, entry: entry.name,
                reason: "\(entry.uncompressedSize) bytes is more than the \(limit) read into memory")
        }
        var out: [UInt8] = []
        out.reserveCapacity(Int(entry.uncompressedSize))
        try stream(entry) { (chunk: UnsafeRawBufferPointer) throws(ZIPError) in out.append(contentsOf: chunk) }
        return out
    }

    /// Hands the entry's uncompressed bytes to `consume` in order, in chunks; throws when the
    /// data is corrupt, longer or shorter than the central directory says, or fails its CRC-32
    /// (after every byte was handed over: a consumer writing a copy must discard it then).
    public func stream(
        _ entry: ZIPEntry, into consume: (UnsafeRawBufferPointer) throws(ZIPError) -> Void
    ) throws(ZIPError) {
        guard !entry.isDirectory else { return }
        let dataStart = try dataOffset(of: entry)
        var crc: UInt32 = 0
        var produced: UInt64 = 0
        func deliver(_ bytes: UnsafeRawBufferPointer) throws(ZIPError) {
            produced += UInt64(bytes.count)
            guard produced <= entry.uncompressedSize else {
                throw .sizeMismatch(
                    path: path, entry: entry.name, expected: entry.uncompressedSize, actual: produced)
            }
            crc = RawInflater.crc32(crc, bytes)
            try consume(bytes)
        }
        let input = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
        defer { input.deallocate() }
        var offset = dataStart
        var remaining = entry.compressedSize
        switch entry.method {
        case .stored:
            while remaining > 0 {
                let count = Int(min(UInt64(Self.chunkSize), remaining))
                let read = try readChunk(into: input, count: count, at: offset, entry: entry)
                try deliver(UnsafeRawBufferPointer(rebasing: input[0..<read]))
                offset += UInt64(read)
                remaining -= UInt64(read)
            }
        case .deflated:
            let inflater = RawInflater()
            let output = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
            defer { output.deallocate() }
            var ended = false
            while !ended {
                guard remaining > 0 else {
                    throw .corruptData(path: path, entry: entry.name, reason: "the deflate stream is cut short")
                }
                let count = Int(min(UInt64(Self.chunkSize), remaining))
                let read = try readChunk(into: input, count: count, at: offset, entry: entry)
                offset += UInt64(read)
                remaining -= UInt64(read)
                var used = 0
                while !ended {
                    let step: (consumed: Int, produced: Int, ended: Bool)
                    do throws(RawInflaterFailure) {
                        step = try inflater.step(
                            input: UnsafeRawBufferPointer(rebasing: input[used..<read]), output: output)
                    } catch {
                        throw .corruptData(path: path, entry: entry.name, reason: error.reason)
                    }
                    used += step.consumed
                    ended = step.ended
                    if step.produced > 0 { try deliver(UnsafeRawBufferPointer(rebasing: output[0..<step.produced])) }
                    // Input used up and the output not full: zlib wants more input.
                    if used == read && step.produced < output.count { break }
                    if step.consumed == 0 && step.produced == 0 { break }
                }
                if !ended && used < read {
                    throw .corruptData(path: path, entry: entry.name, reason: "inflate made no progress")
                }
                if ended && (used < read || remaining > 0) {
                    throw .corruptData(
                        path: path, entry: entry.name,
                        reason: "the deflate stream ends before the entry's \(entry.compressedSize) compressed bytes")
                }
            }
        }
        guard produced == entry.uncompressedSize else {
            throw .sizeMismatch(path: path, entry: entry.name, expected: entry.uncompressedSize, actual: produced)
        }
        guard crc == entry.crc32 else {
            throw .crcMismatch(path: path, entry: entry.name, expected: entry.crc32, actual: crc)
        }
    }

    // MARK: - Local headers

    /// Where the entry's data starts, after checking its local header against the central directory.
    private func dataOffset(of entry: ZIPEntry) throws(ZIPError) -> UInt64 {
        let header = try Self.readExactly(file, path: path, offset: entry.localHeaderOffset, count: 30)
        var fields = ZIPFieldReader(header)
        guard fields.uint32() == Self.localHeaderSignature, fields.skip(22), let nameLength = fields.uint16(),
            let extraLength = fields.uint16()
        else {
            throw .malformed(path: path, reason: "\(entry.name): no local header at offset \(entry.localHeaderOffset)")
        }
        let nameBytes = try Self.readExactly(
            file, path: path, offset: entry.localHeaderOffset + 30, count: Int(nameLength))
        guard nameBytes == Array(entry.name.utf8) else {
            throw .malformed(
                path: path,
                reason: "the local header at offset \(entry.localHeaderOffset) names "
                    + "\(String(decoding: nameBytes, as: UTF8.self).debugDescription), the central directory "
                    + "\(entry.name.debugDescription)")
        }
        let start = entry.localHeaderOffset + 30 + UInt64(nameLength) + UInt64(extraLength)
        guard start <= centralDirectoryOffset, entry.compressedSize <= centralDirectoryOffset - start else {
            throw .malformed(path: path, reason: "\(entry.name): data runs into the central directory")
        }
        return start
    }

    private func readChunk(
        into buffer: UnsafeMutableRawBufferPointer, count: Int, at offset: UInt64, entry: ZIPEntry
    ) throws(ZIPError) -> Int {
        let read: Int
        do {
            read = try file.read(into: buffer, count: count, at: Int64(offset))
        } catch {
            throw .io(path: path, reason: "\(error)")
        }
        guard read > 0 else {
            throw .malformed(path: path, reason: "\(entry.name): the file ends inside the entry's data")
        }
        return read
    }

    // MARK: - Central directory

    /// Offset, size and entry count of the central directory, from the end record (and the ZIP64
    /// end record when a field is saturated).
    private static func findCentralDirectory(
        file: POSIXFile, path: String, fileSize: UInt64, limits: ZIPReaderLimits
    ) throws(ZIPError) -> (offset: UInt64, size: UInt64, count: UInt64) {
        guard fileSize >= 22 else { throw .notAZip(path: path, reason: "\(fileSize) bytes is too short") }
        let tailSize = Int(min(fileSize, 22 + 0xFFFF))
        let tailStart = fileSize - UInt64(tailSize)
        let tail = try readExactly(file, path: path, offset: tailStart, count: tailSize)
        var endIndex: Int?
        var index = tail.count - 22
        while index >= 0 {
            var fields = ZIPFieldReader(tail, at: index)
            if fields.uint32() == endSignature {
                var comment = ZIPFieldReader(tail, at: index + 20)
                if let length = comment.uint16(), index + 22 + Int(length) <= tail.count {
                    endIndex = index
                    break
                }
            }
            index -= 1
        }
        guard let endIndex else {
            throw .notAZip(path: path, reason: "no end of central directory record in the last \(tailSize) bytes")
        }
        var end = ZIPFieldReader(tail, at: endIndex + 4)
        guard let disk = end.uint16(), let directoryDisk = end.uint16(), end.skip(2), let count16 = end.uint16(),
            let size32 = end.uint32(), let offset32 = end.uint32()
        else { throw .notAZip(path: path, reason: "end of central directory record is cut short") }
        let endOffset = tailStart + UInt64(endIndex)
        var count = UInt64(count16)
        var size = UInt64(size32)
        var offset = UInt64(offset32)
        var recordsStart = endOffset
        var locator = ZIPFieldReader(tail, at: endIndex - 20)
        let hasLocator = endIndex >= 20 && locator.uint32() == zip64LocatorSignature
        if hasLocator || count16 == 0xFFFF || size32 == 0xFFFF_FFFF || offset32 == 0xFFFF_FFFF {
            guard hasLocator, locator.skip(4), let zip64Offset = locator.uint64(), let disks = locator.uint32() else {
                throw .malformed(path: path, reason: "ZIP64 fields without a ZIP64 end of central directory locator")
            }
            guard disks <= 1 else {
                throw .unsupported(path: path, entry: nil, reason: "archive split over \(disks) disks")
            }
            guard zip64Offset <= endOffset - 20, endOffset - 20 - zip64Offset >= 56 else {
                throw .malformed(path: path, reason: "ZIP64 end of central directory record out of bounds")
            }
            var zip64 = ZIPFieldReader(try readExactly(file, path: path, offset: zip64Offset, count: 56))
            guard zip64.uint32() == zip64EndSignature, zip64.skip(12), let disk64 = zip64.uint32(),
                let directoryDisk64 = zip64.uint32(), zip64.skip(8), let count64 = zip64.uint64(),
                let size64 = zip64.uint64(), let offset64 = zip64.uint64()
            else {
                throw .malformed(path: path, reason: "no ZIP64 end of central directory record where the locator says")
            }
            guard disk64 == 0, directoryDisk64 == 0 else {
                throw .unsupported(path: path, entry: nil, reason: "archive split over several disks")
            }
            count = count64
            size = size64
            offset = offset64
            recordsStart = zip64Offset
        } else if disk != 0 || directoryDisk != 0 {
            throw .unsupported(path: path, entry: nil, reason: "archive split over several disks")
        }
        guard count <= UInt64(limits.maxEntries) else {
            throw .limitExceeded(path: path, entry: nil, reason: "\(count) entries, more than \(limits.maxEntries)")
        }
        guard size <= UInt64(limits.maxCentralDirectoryBytes) else {
            throw .limitExceeded(
                path: path, entry: nil,
                reason: "a \(size)-byte central directory, more than \(limits.maxCentralDirectoryBytes)")
        }
        guard offset <= recordsStart, size <= recordsStart - offset else {
            throw .malformed(path: path, reason: "central directory (offset \(offset), \(size) bytes) out of bounds")
        }
        guard count * 46 <= size else {
            throw .malformed(path: path, reason: "\(count) entries cannot fit a \(size)-byte central directory")
        }
        return (offset, size, count)
    }

    private static func readCentralDirectory(
        file: POSIXFile, path: String, directory: (offset: UInt64, size: UInt64, count: UInt64),
        limits: ZIPReaderLimits
    ) throws(ZIPError) -> [ZIPEntry] {
        let bytes = try readExactly(file, path: path, offset: directory.offset, count: Int(directory.size))
        var fields = ZIPFieldReader(bytes)
        var entries: [ZIPEntry] = []
        entries.reserveCapacity(Int(directory.count))
        var names: Set<String> = []
        for number in 0..<directory.count {
            let damaged = ZIPError.malformed(path: path, reason: "central directory entry \(number) is cut short")
            guard fields.uint32() == centralHeaderSignature else {
                throw .malformed(path: path, reason: "central directory entry \(number) has no signature")
            }
            guard fields.skip(4), let flags = fields.uint16(), let methodCode = fields.uint16(), fields.skip(4),
                let crc = fields.uint32(), let compressed32 = fields.uint32(), let uncompressed32 = fields.uint32(),
                let nameLength = fields.uint16(), let extraLength = fields.uint16(),
                let commentLength = fields.uint16(), let disk16 = fields.uint16(), fields.skip(6),
                let offset32 = fields.uint32()
            else { throw damaged }
            guard Int(nameLength) <= limits.maxNameBytes else {
                throw .limitExceeded(
                    path: path, entry: nil,
                    reason: "entry \(number) has a \(nameLength)-byte name, more than \(limits.maxNameBytes)")
            }
            guard let nameBytes = fields.bytes(Int(nameLength)), let extra = fields.bytes(Int(extraLength)),
                fields.skip(Int(commentLength))
            else { throw damaged }
            guard let name = String(validating: nameBytes, as: UTF8.self) else {
                throw .malformed(path: path, reason: "entry \(number) has a name that is not UTF-8")
            }
            let safe = name.hasSuffix("/") ? String(name.dropLast()) : name
            guard WACZWriter.isSafeEntryName(safe) else { throw .unsafeName(path: path, entry: name) }
            guard names.insert(name).inserted else {
                throw .malformed(path: path, reason: "entry \(name) appears twice in the central directory")
            }
            guard flags & 0x0041 == 0 else {
                throw .unsupported(path: path, entry: name, reason: "the entry is encrypted")
            }
            guard let method = ZIPMethod(rawValue: methodCode) else {
                throw .unsupported(
                    path: path, entry: name, reason: "compression method \(methodCode) (only stored and deflate)")
            }
            var compressed = UInt64(compressed32)
            var uncompressed = UInt64(uncompressed32)
            var offset = UInt64(offset32)
            var disk = UInt32(disk16)
            if uncompressed32 == 0xFFFF_FFFF || compressed32 == 0xFFFF_FFFF || offset32 == 0xFFFF_FFFF
                || disk16 == 0xFFFF
            {
                guard
                    let zip64 = zip64Fields(
                        extra, uncompressed: uncompressed32 == 0xFFFF_FFFF, compressed: compressed32 == 0xFFFF_FFFF,
                        offset: offset32 == 0xFFFF_FFFF, disk: disk16 == 0xFFFF)
                else { throw .malformed(path: path, reason: "\(name): ZIP64 extra field missing or too short") }
                uncompressed = zip64.uncompressed ?? uncompressed
                compressed = zip64.compressed ?? compressed
                offset = zip64.offset ?? offset
                disk = zip64.disk ?? disk
            }
            guard disk == 0 else { throw .unsupported(path: path, entry: name, reason: "entry on disk \(disk)") }
            guard uncompressed <= limits.maxEntryBytes else {
                throw .limitExceeded(
                    path: path, entry: name,
                    reason: "\(uncompressed) bytes uncompressed, more than \(limits.maxEntryBytes)")
            }
            guard method == .deflated || compressed == uncompressed else {
                throw .malformed(
                    path: path, reason: "\(name): stored with \(compressed) bytes but \(uncompressed) uncompressed")
            }
            guard offset < directory.offset, compressed <= directory.offset - offset else {
                throw .malformed(path: path, reason: "\(name): data (offset \(offset)) runs into the central directory")
            }
            entries.append(
                ZIPEntry(
                    name: name, method: method, crc32: crc, compressedSize: compressed, uncompressedSize: uncompressed,
                    localHeaderOffset: offset))
        }
        try checkNoOverlap(entries, path: path, directoryOffset: directory.offset)
        return entries
    }

    /// Entries may not share bytes: overlapping entries are how some ZIP bombs multiply output.
    private static func checkNoOverlap(_ entries: [ZIPEntry], path: String, directoryOffset: UInt64) throws(ZIPError) {
        let sorted = entries.sorted { $0.localHeaderOffset < $1.localHeaderOffset }
        var previousEnd: UInt64 = 0
        var previousName = ""
        for entry in sorted {
            guard entry.localHeaderOffset >= previousEnd else {
                throw .malformed(path: path, reason: "entries \(previousName) and \(entry.name) overlap")
            }
            // The least an entry takes: its local header with the same name, then its data.
            previousEnd = entry.localHeaderOffset + 30 + UInt64(entry.name.utf8.count) + entry.compressedSize
            previousName = entry.name
            guard previousEnd <= directoryOffset else {
                throw .malformed(path: path, reason: "\(entry.name): data runs into the central directory")
            }
        }
    }

    /// The ZIP64 extended-information extra field (0x0001): the 64-bit values, in the order the
    /// specification gives, of exactly the fields whose 32-bit value is saturated.
    private static func zip64Fields(_ extra: [UInt8], uncompressed: Bool, compressed: Bool, offset: Bool, disk: Bool)
        -> (uncompressed: UInt64?, compressed: UInt64?, offset: UInt64?, disk: UInt32?)?
    {
        var fields = ZIPFieldReader(extra)
        while fields.remaining >= 4 {
            guard let id = fields.uint16(), let size = fields.uint16(), let data = fields.bytes(Int(size)) else {
                return nil
            }
            guard id == 0x0001 else { continue }
            var values = ZIPFieldReader(data)
            var result: (uncompressed: UInt64?, compressed: UInt64?, offset: UInt64?, disk: UInt32?) = (
                nil, nil, nil, nil
            )
            if uncompressed {
                guard let value = values.uint64() else { return nil }
                result.uncompressed = value
            }
            if compressed {
                guard let value = values.uint64() else { return nil }
                result.compressed = value
            }
            if offset {
                guard let value = values.uint64() else { return nil }
                result.offset = value
            }
            if disk {
                guard let value = values.uint32() else { return nil }
                result.disk = value
            }
            return result
        }
        return nil
    }

    /// Exactly `count` bytes at `offset`, or `.malformed` when the file ends first.
    static func readExactly(_ file: POSIXFile, path: String, offset: UInt64, count: Int) throws(ZIPError) -> [UInt8] {
        guard count > 0 else { return [] }
        guard offset <= UInt64(Int64.max) else {
            throw .malformed(path: path, reason: "offset \(offset) is beyond any file")
        }
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let read: Int
            do {
                read = try bytes.withUnsafeMutableBytes { (raw) throws(WARCError) -> Int in
                    try file.read(
                        into: UnsafeMutableRawBufferPointer(rebasing: raw[done...]), count: count - done,
                        at: Int64(offset) + Int64(done))
                }
            } catch {
                throw .io(path: path, reason: "\(error)")
            }
            guard read > 0 else {
                throw .malformed(path: path, reason: "the file ends before offset \(offset + UInt64(count))")
            }
            done += read
        }
        return bytes
    }
}
