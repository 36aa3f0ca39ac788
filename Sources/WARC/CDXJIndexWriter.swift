/// Writes an `index.cdxj` file: lines sorted by their UTF-8 bytes (the order pywb's binary
/// search expects), exact duplicates dropped, replaced atomically (written beside the target,
/// synced, then renamed over it).
public enum CDXJIndexWriter {
    /// `lines` sorted byte-wise with duplicates removed.
    public static func sorted(_ lines: [String]) -> [String] {
        let ordered = lines.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var unique: [String] = []
        unique.reserveCapacity(ordered.count)
        for line in ordered where unique.last != line {
            unique.append(line)
        }
        return unique
    }

    /// Writes `lines` (sorted here) to `path`, one per line, replacing any existing file.
    public static func write(lines: [String], to path: String) throws(WARCError) {
        var bytes: [UInt8] = []
        for line in sorted(lines) {
            bytes.append(contentsOf: line.utf8.map { $0 == ASCII.lf || $0 == ASCII.cr ? ASCII.space : $0 })
            bytes.append(ASCII.lf)
        }
        let temporary = path + ".tmp-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
        var file = try POSIXFile.createNew(temporary)
        do throws(WARCError) {
            try file.writeAll(bytes)
            try file.sync()
            try file.close()
            try POSIXFile.rename(temporary, to: path)
        } catch {
            try? file.close()
            POSIXFile.removeQuietly(temporary)
            throw error
        }
    }
}
