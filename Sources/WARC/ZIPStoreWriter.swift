import CZlib

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A ZIP file whose entries are all STORED (method 0), written front to back, with ZIP64 records
/// where sizes, offsets or the entry count pass the 32/16-bit fields (WARC files reach 1 GB and
/// packages many GB). Names are UTF-8 (flag bit 11). Each local header's CRC-32 is patched in
/// once the entry's data has been streamed, so every byte is read once.
///
/// Written here rather than with ZIPFoundation: its system-library target declares a clang
/// module named `CZlib`, the name of this package's own zlib module, and two modules of one
/// name cannot be in one build.
final class ZIPStoreWriter {
    private struct CentralEntry {
        var name: [UInt8]
        var crc: UInt32
        var size: UInt64
        var offset: UInt64
    }

    let path: String
    private var file: POSIXFile
    private var position: UInt64 = 0
    private var entries: [CentralEntry] = []
    private let dosTime: UInt16
    private let dosDate: UInt16
    /// Sizes and offsets from this on are written in ZIP64 fields.
    private let zip64Threshold: UInt64

    /// Creates `path`, which must not exist. `zip64Threshold` is where sizes and offsets move to
    /// ZIP64 fields: the 32-bit limit, lowered only by tests (which cannot write 4 GiB).
    init(path: String, zip64Threshold: UInt64 = 0xFFFF_FFFF) throws(WARCError) {
        self.path = path
        self.zip64Threshold = min(zip64Threshold, 0xFFFF_FFFF)
        file = try POSIXFile.createNew(path, append: false)
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        dosTime = UInt16((parts.tm_hour << 11) | (parts.tm_min << 5) | (parts.tm_sec / 2))
        dosDate = UInt16(max(0, parts.tm_year - 80) << 9 | ((parts.tm_mon + 1) << 5) | parts.tm_mday)
    }

    deinit { try? file.close() }

    /// Adds an entry of `size` bytes that `produce` hands over in order, in chunks; `produce`
    /// returns an empty chunk only at the end. Throws when the bytes given differ from `size`.
    func addEntry(_ name: String, size: UInt64, produce: () throws(WARCError) -> [UInt8]) throws(WARCError) {
        let nameBytes = Array(name.utf8)
        guard nameBytes.count <= 0xFFFF else {
            throw .invalidRecord(reason: "ZIP entry name of \(nameBytes.count) bytes is too long for \(path)")
        }
        let headerOffset = position
        let zip64 = size >= zip64Threshold
        var header: [UInt8] = []
        Self.put32(&header, 0x0403_4B50)
        Self.put16(&header, zip64 ? 45 : 20)
        Self.put16(&header, 0x0800)
        Self.put16(&header, 0)
        Self.put16(&header, dosTime)
        Self.put16(&header, dosDate)
        Self.put32(&header, 0)  // CRC-32, patched below
        Self.put32(&header, zip64 ? 0xFFFF_FFFF : UInt32(size))
        Self.put32(&header, zip64 ? 0xFFFF_FFFF : UInt32(size))
        Self.put16(&header, UInt16(nameBytes.count))
        Self.put16(&header, zip64 ? 20 : 0)
        header += nameBytes
        if zip64 {
            Self.put16(&header, 0x0001)
            Self.put16(&header, 16)
            Self.put64(&header, size)
            Self.put64(&header, size)
        }
        try append(header)
        var crc = UInt32(crc32(0, nil, 0))
        var written: UInt64 = 0
        while true {
            let chunk = try produce()
            if chunk.isEmpty { break }
            crc = chunk.withUnsafeBufferPointer { buffer in
                UInt32(crc32(uLong(crc), buffer.baseAddress, uInt(buffer.count)))
            }
            written += UInt64(chunk.count)
            guard written <= size else { break }
            try append(chunk)
        }
        guard written == size else {
            throw .io(path: path, operation: "add \(name)", reason: "expected \(size) bytes, got \(written)")
        }
        var crcBytes: [UInt8] = []
        Self.put32(&crcBytes, crc)
        try file.writeAll(crcBytes, at: Int64(headerOffset) + 14)
        entries.append(CentralEntry(name: nameBytes, crc: crc, size: size, offset: headerOffset))
    }

    /// Writes the central directory and the end records, and closes the file.
    func finish() throws(WARCError) {
        let directoryOffset = position
        for entry in entries {
            var extra: [UInt8] = []
            if entry.size >= zip64Threshold {
                Self.put64(&extra, entry.size)
                Self.put64(&extra, entry.size)
            }
            if entry.offset >= zip64Threshold { Self.put64(&extra, entry.offset) }
            if !extra.isEmpty {
                var field: [UInt8] = []
                Self.put16(&field, 0x0001)
                Self.put16(&field, UInt16(extra.count))
                extra = field + extra
            }
            var record: [UInt8] = []
            Self.put32(&record, 0x0201_4B50)
            Self.put16(&record, 0x0300 | 45)  // made by: Unix, spec 4.5
            Self.put16(&record, extra.isEmpty ? 20 : 45)
            Self.put16(&record, 0x0800)
            Self.put16(&record, 0)
            Self.put16(&record, dosTime)
            Self.put16(&record, dosDate)
            Self.put32(&record, entry.crc)
            Self.put32(&record, entry.size >= zip64Threshold ? 0xFFFF_FFFF : UInt32(entry.size))
            Self.put32(&record, entry.size >= zip64Threshold ? 0xFFFF_FFFF : UInt32(entry.size))
            Self.put16(&record, UInt16(entry.name.count))
            Self.put16(&record, UInt16(extra.count))
            Self.put16(&record, 0)
            Self.put16(&record, 0)
            Self.put16(&record, 0)
            Self.put32(&record, UInt32(0o100644) << 16)
            Self.put32(&record, entry.offset >= zip64Threshold ? 0xFFFF_FFFF : UInt32(entry.offset))
            record += entry.name + extra
            try append(record)
        }
        let directorySize = position - directoryOffset
        let needsZip64 =
            entries.count >= 0xFFFF || directoryOffset >= zip64Threshold || directorySize >= zip64Threshold
        var end: [UInt8] = []
        if needsZip64 {
            let zip64EndOffset = position
            Self.put32(&end, 0x0606_4B50)
            Self.put64(&end, 44)
            Self.put16(&end, 0x0300 | 45)
            Self.put16(&end, 45)
            Self.put32(&end, 0)
            Self.put32(&end, 0)
            Self.put64(&end, UInt64(entries.count))
            Self.put64(&end, UInt64(entries.count))
            Self.put64(&end, directorySize)
            Self.put64(&end, directoryOffset)
            Self.put32(&end, 0x0706_4B50)
            Self.put32(&end, 0)
            Self.put64(&end, zip64EndOffset)
            Self.put32(&end, 1)
        }
        Self.put32(&end, 0x0605_4B50)
        Self.put16(&end, 0)
        Self.put16(&end, 0)
        Self.put16(&end, needsZip64 ? 0xFFFF : UInt16(entries.count))
        Self.put16(&end, needsZip64 ? 0xFFFF : UInt16(entries.count))
        Self.put32(&end, needsZip64 ? 0xFFFF_FFFF : UInt32(directorySize))
        Self.put32(&end, needsZip64 ? 0xFFFF_FFFF : UInt32(directoryOffset))
        Self.put16(&end, 0)
        try append(end)
        try file.sync()
        try file.close()
    }

    private func append(_ bytes: [UInt8]) throws(WARCError) {
        try file.writeAll(bytes)
        position += UInt64(bytes.count)
    }

    static func put16(_ out: inout [UInt8], _ value: UInt16) {
        out.append(UInt8(truncatingIfNeeded: value))
        out.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    static func put32(_ out: inout [UInt8], _ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    static func put64(_ out: inout [UInt8], _ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }
}
