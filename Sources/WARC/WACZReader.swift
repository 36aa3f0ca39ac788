import Crypto

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a WACZ 1.x package (a ZIP, entries stored or deflated, ZIP64 allowed): its WARC files
/// under `archive/`, its page lists under `pages/`, and `datapackage.json` /
/// `datapackage-digest.json`, whose JSON the caller interprets.
///
/// WARC entries are copied out byte for byte (`copy`), each checked against the ZIP's CRC-32 and
/// the SHA-256 the caller read from `datapackage.json`, so the copy is the evidence the package
/// held and can be verified with `sha256sum` against the package's own manifest.
public final class WACZReader {
    /// The package.
    public let path: String
    /// The ZIP underneath.
    public let zip: ZIPReader
    /// Largest metadata entry (`datapackage.json`, a page list) read into memory.
    public static let maxMetadataBytes = 256 << 20

    /// Opens `path`; throws `.notWACZ` for a ZIP without `datapackage.json`.
    public init(path: String, limits: ZIPReaderLimits = ZIPReaderLimits()) throws(WACZError) {
        self.path = path
        do throws(ZIPError) {
            zip = try ZIPReader(path: path, limits: limits)
        } catch {
            throw .zip(error)
        }
        guard zip.entry(named: "datapackage.json") != nil else {
            throw .notWACZ(
                path: path, reason: "it has no datapackage.json (a plain ZIP? unzip it and import the WARCs)")
        }
    }

    /// True when `path` is a ZIP (by its first bytes) with a `datapackage.json` entry.
    public static func isWACZ(path: String) -> Bool {
        guard ZIPReader.hasZIPMagic(path: path) else { return false }
        do {
            return try ZIPReader(path: path).entry(named: "datapackage.json") != nil
        } catch {
            // A damaged ZIP: `vestige import` then reports the ZIP error when it opens it as WACZ.
            return true
        }
    }

    /// The WARC files: `archive/…` entries ending in `.warc`, `.warc.gz` or `.warc.zst` (what
    /// `vestige export --format wacz` packs).
    public var warcEntries: [ZIPEntry] {
        zip.entries.filter { entry in
            entry.name.lowercased().hasPrefix("archive/") && WARCCompression.fileSuffix(of: entry.name) != nil
        }
    }

    /// The page lists: `pages/…` entries ending in `.jsonl` (`pages.jsonl`, `extraPages.jsonl`).
    public var pageLists: [ZIPEntry] {
        zip.entries.filter { $0.name.hasPrefix("pages/") && $0.name.lowercased().hasSuffix(".jsonl") }
    }

    /// The bytes of a metadata entry (at most `maxMetadataBytes`), nil when there is none.
    public func metadata(_ name: String) throws(WACZError) -> [UInt8]? {
        guard let entry = zip.entry(named: name) else { return nil }
        return try read(entry)
    }

    /// The bytes of `entry` (at most `maxMetadataBytes`), CRC checked.
    public func read(_ entry: ZIPEntry) throws(WACZError) -> [UInt8] {
        do throws(ZIPError) {
            return try zip.read(entry, limit: Self.maxMetadataBytes)
        } catch {
            throw .zip(error)
        }
    }

    /// Copies `entry` to `destination` byte for byte, checking its CRC-32 and that its SHA-256 is
    /// `expectedSHA256` (hex) before the copy gets its name (it is written beside it first, synced,
    /// then renamed). When `destination` exists already, the entry is verified and compared with
    /// it instead, and nothing is written; a different file there is an error, never overwritten.
    public func copy(_ entry: ZIPEntry, to destination: String, expectedSHA256: String) throws(WACZError)
        -> WACZEntryCopy
    {
        let expected = expectedSHA256.lowercased()
        if Self.fileExists(destination) {
            var hasher = SHA256()
            try stream(entry) { (chunk: UnsafeRawBufferPointer) throws(ZIPError) in hasher.update(bufferPointer: chunk)
            }
            let actual = ASCII.hex(hasher.finalize())
            guard actual == expected else {
                throw .hashMismatch(path: path, entry: entry.name, expected: expected, actual: actual)
            }
            let existing: String
            do {
                existing = try FileDigest.sha256(path: destination).hex
            } catch {
                throw .io(path: destination, reason: "\(error)")
            }
            guard existing == expected else {
                throw .existingCopyDiffers(path: path, entry: entry.name, destination: destination)
            }
            return WACZEntryCopy(path: destination, sha256: expected, bytes: entry.uncompressedSize, created: false)
        }
        let temporary = destination + ".partial"
        // Left by an import that was killed: ours, never evidence (it never got its name).
        POSIXFile.removeQuietly(temporary)
        var output: POSIXFile
        do {
            output = try POSIXFile.createNew(temporary)
        } catch {
            throw .io(path: temporary, reason: "\(error)")
        }
        var hasher = SHA256()
        do throws(WACZError) {
            try stream(entry) { (chunk: UnsafeRawBufferPointer) throws(ZIPError) in
                hasher.update(bufferPointer: chunk)
                do {
                    try output.writeAll(chunk)
                } catch {
                    throw .io(path: temporary, reason: "\(error)")
                }
            }
            do {
                try output.sync()
                try output.close()
            } catch {
                throw WACZError.io(path: temporary, reason: "\(error)")
            }
            let actual = ASCII.hex(hasher.finalize())
            guard actual == expected else {
                throw WACZError.hashMismatch(path: path, entry: entry.name, expected: expected, actual: actual)
            }
            do {
                try POSIXFile.rename(temporary, to: destination)
                try POSIXFile.syncDirectory(Self.directory(of: destination))
            } catch {
                throw WACZError.io(path: destination, reason: "\(error)")
            }
        } catch {
            // Closing after a failed write: the partial copy is removed next, nothing to keep.
            try? output.close()
            POSIXFile.removeQuietly(temporary)
            throw error
        }
        return WACZEntryCopy(path: destination, sha256: expected, bytes: entry.uncompressedSize, created: true)
    }

    private func stream(_ entry: ZIPEntry, _ consume: (UnsafeRawBufferPointer) throws(ZIPError) -> Void)
        throws(WACZError)
    {
        do throws(ZIPError) {
            try zip.stream(entry, into: consume)
        } catch {
            throw .zip(error)
        }
    }

    private static func fileExists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
