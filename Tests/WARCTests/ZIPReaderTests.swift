import Foundation
import Testing

@testable import WARC

/// The ZIP reader under WACZ import: stored, deflated and ZIP64 entries read back byte for byte
/// (from its own builder, vestige's ZIPStoreWriter and Python's zipfile), and hostile archives
/// refused with the error that names what is wrong, never a trap.
@Suite struct ZIPReaderTests {
    /// Builds ZIP archives field by field, with every field open to corruption.
    struct Builder {
        struct Entry {
            var name: String
            var data: [UInt8]
            var deflate = false
            var flags: UInt16 = 0x0800
            var method: UInt16?
            var crc: UInt32?
            var declaredSize: UInt64?
            var localName: String?
            var offset: UInt64?
            var compressed: [UInt8]?
        }

        var entries: [Entry]
        var zip64 = false
        var count: UInt16?
        var directoryOffset: UInt32?
        var comment: [UInt8] = []

        static func crc(_ bytes: [UInt8]) -> UInt32 {
            bytes.withUnsafeBytes { RawInflater.crc32(0, $0) }
        }

        /// Raw deflate: a gzip member without its 10-byte header and 8-byte trailer.
        static func deflate(_ bytes: [UInt8]) -> [UInt8] {
            guard let member = GzipDeflater().member(bytes) else { return [] }
            return Array(member[10..<(member.count - 8)])
        }

        func bytes() -> [UInt8] {
            var out: [UInt8] = []
            var directory: [UInt8] = []
            for entry in entries {
                let stored = entry.compressed ?? (entry.deflate ? Self.deflate(entry.data) : entry.data)
                let crc = entry.crc ?? Self.crc(entry.data)
                let size = entry.declaredSize ?? UInt64(entry.data.count)
                let method = entry.method ?? (entry.deflate ? 8 : 0)
                let offset = UInt64(out.count)
                let localName = Array((entry.localName ?? entry.name).utf8)
                ZIPStoreWriter.put32(&out, 0x0403_4B50)
                ZIPStoreWriter.put16(&out, 20)
                ZIPStoreWriter.put16(&out, entry.flags)
                ZIPStoreWriter.put16(&out, method)
                ZIPStoreWriter.put32(&out, 0)
                ZIPStoreWriter.put32(&out, crc)
                ZIPStoreWriter.put32(&out, zip64 ? 0xFFFF_FFFF : UInt32(stored.count))
                ZIPStoreWriter.put32(&out, zip64 ? 0xFFFF_FFFF : UInt32(truncatingIfNeeded: size))
                ZIPStoreWriter.put16(&out, UInt16(localName.count))
                ZIPStoreWriter.put16(&out, 0)
                out += localName + stored
                let name = Array(entry.name.utf8)
                var extra: [UInt8] = []
                if zip64 {
                    ZIPStoreWriter.put16(&extra, 0x0001)
                    ZIPStoreWriter.put16(&extra, 24)
                    ZIPStoreWriter.put64(&extra, size)
                    ZIPStoreWriter.put64(&extra, UInt64(stored.count))
                    ZIPStoreWriter.put64(&extra, entry.offset ?? offset)
                }
                ZIPStoreWriter.put32(&directory, 0x0201_4B50)
                ZIPStoreWriter.put16(&directory, 0x0314)
                ZIPStoreWriter.put16(&directory, zip64 ? 45 : 20)
                ZIPStoreWriter.put16(&directory, entry.flags)
                ZIPStoreWriter.put16(&directory, method)
                ZIPStoreWriter.put32(&directory, 0)
                ZIPStoreWriter.put32(&directory, crc)
                ZIPStoreWriter.put32(&directory, zip64 ? 0xFFFF_FFFF : UInt32(stored.count))
                ZIPStoreWriter.put32(&directory, zip64 ? 0xFFFF_FFFF : UInt32(truncatingIfNeeded: size))
                ZIPStoreWriter.put16(&directory, UInt16(name.count))
                ZIPStoreWriter.put16(&directory, UInt16(extra.count))
                ZIPStoreWriter.put16(&directory, 0)
                ZIPStoreWriter.put16(&directory, 0)
                ZIPStoreWriter.put16(&directory, 0)
                ZIPStoreWriter.put32(&directory, 0)
                ZIPStoreWriter.put32(
                    &directory, zip64 ? 0xFFFF_FFFF : UInt32(truncatingIfNeeded: entry.offset ?? offset))
                directory += name + extra
            }
            let directoryStart = UInt64(out.count)
            out += directory
            if zip64 {
                let recordStart = UInt64(out.count)
                ZIPStoreWriter.put32(&out, 0x0606_4B50)
                ZIPStoreWriter.put64(&out, 44)
                ZIPStoreWriter.put16(&out, 45)
                ZIPStoreWriter.put16(&out, 45)
                ZIPStoreWriter.put32(&out, 0)
                ZIPStoreWriter.put32(&out, 0)
                ZIPStoreWriter.put64(&out, UInt64(entries.count))
                ZIPStoreWriter.put64(&out, UInt64(entries.count))
                ZIPStoreWriter.put64(&out, UInt64(directory.count))
                ZIPStoreWriter.put64(&out, directoryStart)
                ZIPStoreWriter.put32(&out, 0x0706_4B50)
                ZIPStoreWriter.put32(&out, 0)
                ZIPStoreWriter.put64(&out, recordStart)
                ZIPStoreWriter.put32(&out, 1)
            }
            ZIPStoreWriter.put32(&out, 0x0605_4B50)
            ZIPStoreWriter.put16(&out, 0)
            ZIPStoreWriter.put16(&out, 0)
            let entryCount = count ?? (zip64 ? 0xFFFF : UInt16(entries.count))
            ZIPStoreWriter.put16(&out, entryCount)
            ZIPStoreWriter.put16(&out, entryCount)
            ZIPStoreWriter.put32(&out, zip64 ? 0xFFFF_FFFF : UInt32(directory.count))
            ZIPStoreWriter.put32(&out, directoryOffset ?? (zip64 ? 0xFFFF_FFFF : UInt32(directoryStart)))
            ZIPStoreWriter.put16(&out, UInt16(comment.count))
            out += comment
            return out
        }
    }

    static let text = Array(String(repeating: "WARC/1.1\r\nWARC-Type: response\r\n\r\nhello zip ", count: 400).utf8)
    /// Bytes that deflate poorly and span several read chunks.
    static let noise: [UInt8] = {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<(ZIPReader.chunkSize * 3 + 12345)).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
    }()

    static func write(_ bytes: [UInt8]) throws -> (directory: String, path: String) {
        let directory = try TestSupport.makeTemporaryDirectory()
        let path = directory + "/test.zip"
        try TestSupport.write(bytes, to: path)
        return (directory, path)
    }

    /// Opens `bytes` as a ZIP and reads every entry; the error when anything fails.
    static func readAll(_ bytes: [UInt8], limits: ZIPReaderLimits = ZIPReaderLimits()) throws -> [String: [UInt8]] {
        let (directory, path) = try write(bytes)
        defer { TestSupport.remove(directory) }
        let reader = try ZIPReader(path: path, limits: limits)
        var out: [String: [UInt8]] = [:]
        for entry in reader.entries { out[entry.name] = try reader.read(entry, limit: 1 << 26) }
        return out
    }

    static func error(_ bytes: [UInt8], limits: ZIPReaderLimits = ZIPReaderLimits()) -> ZIPError? {
        do {
            _ = try readAll(bytes, limits: limits)
            return nil
        } catch let error as ZIPError {
            return error
        } catch {
            Issue.record("not a ZIPError: \(error)")
            return nil
        }
    }

    @Test func storedDeflatedAndEmptyEntriesReadBack() throws {
        let builder = Builder(entries: [
            .init(name: "archive/a.warc", data: Self.text),
            .init(name: "archive/b.warc.gz", data: Self.noise, deflate: true),
            .init(name: "pages/pages.jsonl", data: Self.text, deflate: true),
            .init(name: "indexes/", data: []),
            .init(name: "empty.txt", data: []),
        ])
        let entries = try Self.readAll(builder.bytes())
        #expect(entries["archive/a.warc"] == Self.text)
        #expect(entries["archive/b.warc.gz"] == Self.noise)
        #expect(entries["pages/pages.jsonl"] == Self.text)
        #expect(entries["indexes/"] == [] && entries["empty.txt"] == [])
        // A comment after the end record is allowed.
        var commented = builder
        commented.comment = Array("made by a test".utf8)
        #expect(try Self.readAll(commented.bytes()).count == 5)
    }

    @Test func zip64FieldsAreRead() throws {
        var builder = Builder(entries: [
            .init(name: "archive/a.warc.gz", data: Self.noise, deflate: true),
            .init(name: "datapackage.json", data: Array("{}".utf8)),
        ])
        builder.zip64 = true
        let entries = try Self.readAll(builder.bytes())
        #expect(entries["archive/a.warc.gz"] == Self.noise)
        #expect(entries["datapackage.json"] == Array("{}".utf8))
    }

    @Test func vestigesOwnWACZReadsBack() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        try TestSupport.write(Self.noise, to: directory + "/data.warc.gz")
        let path = directory + "/out.wacz"
        let writer = try WACZWriter(path: path)
        try writer.addFile("archive/data.warc.gz", from: directory + "/data.warc.gz")
        try writer.addData("pages/pages.jsonl", Array("{\"format\": \"json-pages-1.0\"}\n".utf8))
        try writer.finish(title: "t", created: "2026-01-01T00:00:00Z", software: "test")
        let reader = try WACZReader(path: path)
        #expect(reader.warcEntries.map(\.name) == ["archive/data.warc.gz"])
        #expect(reader.pageLists.map(\.name) == ["pages/pages.jsonl"])
        #expect(try reader.metadata("datapackage.json")?.isEmpty == false)
        let copy = try reader.copy(
            reader.warcEntries[0], to: directory + "/copy.warc.gz",
            expectedSHA256: FileDigest.hex(FileDigest.sha256(Self.noise)))
        #expect(copy.created && copy.bytes == UInt64(Self.noise.count))
        #expect(try TestSupport.read(directory + "/copy.warc.gz") == Self.noise)
        // Again: verified, compared, nothing written.
        let again = try reader.copy(
            reader.warcEntries[0], to: directory + "/copy.warc.gz",
            expectedSHA256: FileDigest.hex(FileDigest.sha256(Self.noise)))
        #expect(!again.created)
        // A wrong expected hash: reported, nothing left behind.
        #expect(throws: WACZError.self) {
            try reader.copy(
                reader.warcEntries[0], to: directory + "/other.warc.gz",
                expectedSHA256: String(repeating: "0", count: 64))
        }
        #expect(!FileManager.default.fileExists(atPath: directory + "/other.warc.gz"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/other.warc.gz.partial"))
        #expect(WACZReader.isWACZ(path: path) && ZIPReader.hasZIPMagic(path: path))
        #expect(!WACZReader.isWACZ(path: directory + "/data.warc.gz"))
    }

    static let pythonZip = """
        import sys, zipfile
        with zipfile.ZipFile(sys.argv[1], "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as z:
            z.writestr("archive/small.warc", b"WARC/1.1\\r\\n" * 100, compress_type=zipfile.ZIP_DEFLATED)
            with z.open("archive/big.warc.gz", "w", force_zip64=True) as f:
                f.write(open(sys.argv[2], "rb").read())
            z.writestr(zipfile.ZipInfo("datapackage.json"), b"{}", compress_type=zipfile.ZIP_STORED)
        """

    static let pythonAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")

    @Test(.enabled(if: pythonAvailable, "python3 is not installed at /usr/bin/python3"))
    func pythonsZipfileWithDeflateAndZip64ReadsBack() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        try TestSupport.write(Self.noise, to: directory + "/noise")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", Self.pythonZip, directory + "/p.zip", directory + "/noise"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let reader = try ZIPReader(path: directory + "/p.zip")
        #expect(reader.entries.map(\.method) == [.deflated, .deflated, .stored])
        let big = try #require(reader.entry(named: "archive/big.warc.gz"))
        #expect(try reader.read(big, limit: 1 << 26) == Self.noise)
        let small = try #require(reader.entry(named: "archive/small.warc"))
        #expect(try reader.read(small, limit: 1 << 20) == Array(String(repeating: "WARC/1.1\r\n", count: 100).utf8))
    }

    // MARK: - Hostile archives

    @Test func notZipsAreRefused() {
        for bytes in [[], [0x50, 0x4B, 0x03, 0x04], Array(repeating: 0x41, count: 1000), Self.text] as [[UInt8]] {
            guard case .notAZip = Self.error(bytes) else {
                Issue.record("\(bytes.count) bytes: expected notAZip, got \(String(describing: Self.error(bytes)))")
                continue
            }
        }
    }

    @Test func unsafeNamesRefuseTheArchive() {
        for name in ["../evil.warc", "/etc/passwd", "a/../../b", "a\\b", "a//b", "./a", "a\u{1}b", "..", "dir/../"] {
            let builder = Builder(entries: [.init(name: "ok.txt", data: [1]), .init(name: name, data: [2])])
            guard case .unsafeName(_, let refused) = Self.error(builder.bytes()), refused == name else {
                Issue.record(
                    "\(name.debugDescription): expected unsafeName, got \(String(describing: Self.error(builder.bytes())))"
                )
                continue
            }
        }
    }

    @Test func structuralLiesAreRefused() {
        func expectMalformed(_ builder: Builder, _ label: String) {
            guard case .malformed = Self.error(builder.bytes()) else {
                Issue.record("\(label): expected malformed, got \(String(describing: Self.error(builder.bytes())))")
                return
            }
        }
        var duplicate = Builder(entries: [.init(name: "a", data: [1]), .init(name: "a", data: [2])])
        expectMalformed(duplicate, "duplicate names")
        duplicate.entries[1].name = "b"
        duplicate.entries[1].offset = 0
        expectMalformed(duplicate, "two entries at one offset")
        var localName = Builder(entries: [.init(name: "a.warc", data: Self.text)])
        localName.entries[0].localName = "b.warc"
        expectMalformed(localName, "local header names another entry")
        var pastDirectory = Builder(entries: [.init(name: "a", data: Self.text)])
        pastDirectory.directoryOffset = 0x7FFF_FFFF
        expectMalformed(pastDirectory, "central directory past the end")
        var intoDirectory = Builder(entries: [.init(name: "a", data: Self.text)])
        intoDirectory.entries[0].offset = UInt64(Self.text.count + 31)
        expectMalformed(intoDirectory, "entry inside the central directory")
        var saturated = Builder(entries: [.init(name: "a", data: [1])])
        saturated.count = 0xFFFF
        expectMalformed(saturated, "ZIP64 count without ZIP64 records")
        var tooMany = Builder(entries: [.init(name: "a", data: [1])])
        tooMany.count = 500
        expectMalformed(tooMany, "more entries than the directory holds")
        var storedLie = Builder(entries: [.init(name: "a", data: Self.text)])
        storedLie.entries[0].declaredSize = 5
        expectMalformed(storedLie, "stored entry with two sizes")
        // Cut anywhere: refused, never a trap.
        let whole = Builder(entries: [.init(name: "a", data: Self.text, deflate: true), .init(name: "b", data: [1])])
            .bytes()
        for cut in stride(from: 0, to: whole.count, by: 7) {
            #expect(Self.error(Array(whole[0..<cut])) != nil, "cut at \(cut)")
        }
    }

    @Test func damagedDataIsCaughtByCRCAndSize() {
        var crc = Builder(entries: [.init(name: "a", data: Self.text, deflate: true)])
        crc.entries[0].crc = 0xDEAD_BEEF
        guard case .crcMismatch(_, "a", 0xDEAD_BEEF, _) = Self.error(crc.bytes()) else {
            Issue.record("expected crcMismatch, got \(String(describing: Self.error(crc.bytes())))")
            return
        }
        // A deflate stream that inflates past its declared size (a bomb) stops at the size.
        var bomb = Builder(entries: [.init(name: "bomb", data: Array(repeating: 0, count: 5_000_000), deflate: true)])
        bomb.entries[0].declaredSize = 1000
        guard case .sizeMismatch(_, "bomb", 1000, _) = Self.error(bomb.bytes()) else {
            Issue.record("expected sizeMismatch, got \(String(describing: Self.error(bomb.bytes())))")
            return
        }
        var short = Builder(entries: [.init(name: "s", data: Self.text, deflate: true)])
        short.entries[0].declaredSize = UInt64(Self.text.count + 1)
        guard case .sizeMismatch = Self.error(short.bytes()) else {
            Issue.record("expected sizeMismatch for a short entry")
            return
        }
        var garbage = Builder(entries: [.init(name: "g", data: Self.text, deflate: true)])
        garbage.entries[0].compressed = Array(repeating: 0xFF, count: 64)
        guard case .corruptData(_, "g", _) = Self.error(garbage.bytes()) else {
            Issue.record("expected corruptData, got \(String(describing: Self.error(garbage.bytes())))")
            return
        }
        var cutStream = Builder(entries: [.init(name: "c", data: Self.noise, deflate: true)])
        cutStream.entries[0].compressed = Array(Builder.deflate(Self.noise).prefix(1000))
        guard case .corruptData(_, "c", _) = Self.error(cutStream.bytes()) else {
            Issue.record(
                "expected corruptData for a cut stream, got \(String(describing: Self.error(cutStream.bytes())))")
            return
        }
    }

    @Test func unsupportedFeaturesAreNamed() {
        var encrypted = Builder(entries: [.init(name: "secret", data: [1])])
        encrypted.entries[0].flags = 0x0801
        guard case .unsupported(_, "secret", let reason) = Self.error(encrypted.bytes()), reason.contains("encrypted")
        else {
            Issue.record("expected unsupported encryption, got \(String(describing: Self.error(encrypted.bytes())))")
            return
        }
        var bzip2 = Builder(entries: [.init(name: "b", data: [1])])
        bzip2.entries[0].method = 12
        guard case .unsupported(_, "b", _) = Self.error(bzip2.bytes()) else {
            Issue.record("expected unsupported method")
            return
        }
    }

    @Test func limitsAreEnforcedBeforeInflating() {
        let builder = Builder(entries: (0..<20).map { .init(name: "f\($0)", data: [UInt8($0)]) })
        guard case .limitExceeded = Self.error(builder.bytes(), limits: ZIPReaderLimits(maxEntries: 10)) else {
            Issue.record("entry count limit")
            return
        }
        guard case .limitExceeded = Self.error(builder.bytes(), limits: ZIPReaderLimits(maxCentralDirectoryBytes: 100))
        else {
            Issue.record("central directory limit")
            return
        }
        let big = Builder(entries: [.init(name: "big", data: Self.text, deflate: true)])
        guard case .limitExceeded(_, "big", _) = Self.error(big.bytes(), limits: ZIPReaderLimits(maxEntryBytes: 100))
        else {
            Issue.record("entry size limit")
            return
        }
        let long = Builder(entries: [.init(name: String(repeating: "n", count: 300), data: [1])])
        guard case .limitExceeded = Self.error(long.bytes(), limits: ZIPReaderLimits(maxNameBytes: 200)) else {
            Issue.record("name length limit")
            return
        }
    }

    /// Every single-byte change of a valid archive either fails with a ZIPError or reads the
    /// original bytes: the CRC lets no silent change through, and nothing traps.
    @Test func mutatedArchivesNeverTrapOrLie() throws {
        let original: [String: [UInt8]] = [
            "archive/a.warc": Array(Self.text.prefix(3000)), "archive/b.warc.gz": Array(Self.noise.prefix(5000)),
        ]
        let builder = Builder(entries: [
            .init(name: "archive/a.warc", data: original["archive/a.warc"] ?? [], deflate: true),
            .init(name: "archive/b.warc.gz", data: original["archive/b.warc.gz"] ?? []),
        ])
        let whole = builder.bytes()
        var generator = SystemRandomNumberGenerator()
        var failures = 0
        for _ in 0..<600 {
            var bytes = whole
            let index = Int.random(in: 0..<bytes.count, using: &generator)
            bytes[index] ^= UInt8.random(in: 1...255, using: &generator)
            do {
                for (name, data) in try Self.readAll(bytes) {
                    #expect(
                        original.values.contains(data), "entry \(name) read wrong bytes after changing byte \(index)")
                }
            } catch is ZIPError {
                failures += 1
            }
        }
        #expect(failures > 0)
    }
}
