import Foundation
import Testing

@testable import WARC

/// ZIP64 in the WACZ writer: more than 65,535 entries, and sizes and offsets past the 32-bit
/// fields (with the threshold lowered, as 4 GiB cannot be written in a test), read back by
/// vestige's ZIPReader and by Python's zipfile.
@Suite struct ZIPStoreWriterTests {
    static let pythonAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")

    /// Adds `data` as one entry, in two chunks when it has more than one byte.
    static func add(_ writer: ZIPStoreWriter, _ name: String, _ data: [UInt8]) throws {
        var chunks = data.count > 1 ? [Array(data[..<(data.count / 2)]), Array(data[(data.count / 2)...])] : [data]
        try writer.addEntry(name, size: UInt64(data.count)) { () throws(WARCError) -> [UInt8] in
            chunks.isEmpty ? [] : chunks.removeFirst()
        }
    }

    /// Python's zipfile: CRCs checked, then `{name: [size, bytes as hex, has a ZIP64 extra]}`.
    static let pythonRead = """
        import json, sys, zipfile
        z = zipfile.ZipFile(sys.argv[1])
        assert z.testzip() is None, "bad CRC"
        print(json.dumps({i.filename: [i.file_size, z.read(i).hex(), i.extra[:2] == b"\\x01\\x00"] for i in z.infolist()}))
        """

    static func python(_ path: String) throws -> [String: [Any]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", pythonRead, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try #require(try JSONSerialization.jsonObject(with: output) as? [String: [Any]])
    }

    /// Whether the file ends in a ZIP64 end of central directory record and its locator, then the
    /// classic end record (no comment).
    static func hasZIP64End(_ bytes: [UInt8]) -> Bool {
        let locator = bytes.count - 22 - 20
        let record = locator - 56
        guard record >= 0 else { return false }
        return bytes[record..<(record + 4)].elementsEqual([0x50, 0x4B, 0x06, 0x06])
            && bytes[locator..<(locator + 4)].elementsEqual([0x50, 0x4B, 0x06, 0x07])
    }

    static let manyCount = 65_537

    /// `manyCount` one-byte entries `e/N`, holding N's low byte.
    static func writeMany(_ path: String) throws {
        let writer = try ZIPStoreWriter(path: path)
        for index in 0..<manyCount { try add(writer, "e/\(index)", [UInt8(truncatingIfNeeded: index)]) }
        try writer.finish()
    }

    static let small = Array("small".utf8)
    static let big = (0..<100).map { UInt8($0) }
    static let late = Array("at an offset past 64".utf8)

    /// small.txt below a 64-byte threshold, big.bin above it, late.txt small but at an offset past it.
    static func writeLarge(_ path: String) throws {
        // From 64 bytes on, as from 4 GiB on in a real package.
        let writer = try ZIPStoreWriter(path: path, zip64Threshold: 64)
        try add(writer, "small.txt", small)
        try add(writer, "big.bin", big)
        try add(writer, "late.txt", late)
        try writer.finish()
    }

    @Test func moreThan65535EntriesGetTheZIP64EndRecords() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let path = directory + "/many.zip"
        try Self.writeMany(path)
        let bytes = try TestSupport.read(path)
        #expect(Self.hasZIP64End(bytes))
        // The classic end record's 16-bit counts are saturated; the ZIP64 record holds the count.
        let end = bytes.count - 22
        #expect(bytes[end..<(end + 4)].elementsEqual([0x50, 0x4B, 0x05, 0x06]))
        #expect(bytes[(end + 8)..<(end + 12)].allSatisfy { $0 == 0xFF })

        let reader = try ZIPReader(path: path)
        #expect(reader.entries.count == Self.manyCount)
        for index in [0, 1, 65_534, 65_535, 65_536] {
            let entry = try #require(reader.entry(named: "e/\(index)"))
            #expect(try reader.read(entry, limit: 16) == [UInt8(truncatingIfNeeded: index)])
        }
    }

    @Test(.enabled(if: pythonAvailable, "python3 is not installed at /usr/bin/python3"))
    func pythonsZipfileReadsMoreThan65535Entries() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        try Self.writeMany(directory + "/many.zip")
        let listed = try Self.python(directory + "/many.zip")
        #expect(listed.count == Self.manyCount)
        #expect(listed["e/65536"]?[1] as? String == "00")
        #expect(listed["e/65535"]?[1] as? String == "ff")
    }

    @Test func sizesAndOffsetsPastTheThresholdMoveToZIP64Fields() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let path = directory + "/large.zip"
        try Self.writeLarge(path)
        let bytes = try TestSupport.read(path)
        #expect(Self.hasZIP64End(bytes))
        // big.bin's local header, after small.txt's (30 + 9 + 5 bytes): version 4.5, both sizes
        // saturated, then a 20-byte ZIP64 extra after the name.
        let header = 30 + 9 + Self.small.count
        #expect(bytes[header + 4] == 45)
        #expect(bytes[(header + 18)..<(header + 26)].allSatisfy { $0 == 0xFF })
        #expect(bytes[header + 28] == 20)

        let reader = try ZIPReader(path: path)
        #expect(reader.entries.map(\.name) == ["small.txt", "big.bin", "late.txt"])
        #expect(reader.entries.map(\.uncompressedSize) == [5, 100, UInt64(Self.late.count)])
        #expect(reader.entries.map(\.localHeaderOffset) == [0, UInt64(header), UInt64(header + 30 + 7 + 20 + 100)])
        for (name, data) in [("small.txt", Self.small), ("big.bin", Self.big), ("late.txt", Self.late)] {
            let entry = try #require(reader.entry(named: name))
            #expect(try reader.read(entry, limit: 1024) == data, "\(name)")
        }
    }

    @Test(.enabled(if: pythonAvailable, "python3 is not installed at /usr/bin/python3"))
    func pythonsZipfileReadsTheZIP64Fields() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        try Self.writeLarge(directory + "/large.zip")
        let listed = try Self.python(directory + "/large.zip")
        let hex = { (data: [UInt8]) in data.map { String(format: "%02x", $0) }.joined() }
        for (name, data) in [("small.txt", Self.small), ("big.bin", Self.big), ("late.txt", Self.late)] {
            #expect(listed[name]?[0] as? Int == data.count, "\(name)")
            #expect(listed[name]?[1] as? String == hex(data), "\(name)")
        }
        #expect(listed["small.txt"]?[2] as? Bool == false, "small and early: no ZIP64 extra")
        #expect(listed["big.bin"]?[2] as? Bool == true)
        #expect(listed["late.txt"]?[2] as? Bool == true, "its offset is past the threshold")
    }

    @Test func aSmallPackageHasNoZIP64Records() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let path = directory + "/small.zip"
        let writer = try ZIPStoreWriter(path: path)
        try Self.add(writer, "a.txt", Array("hello".utf8))
        try writer.finish()
        #expect(!Self.hasZIP64End(try TestSupport.read(path)))
        #expect(try ZIPReader(path: path).entries.map(\.name) == ["a.txt"])
    }
}
