import WARC

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `DIR/indexes/index.cdxj`: the sorted CDXJ index of every response and revisit record, as
/// pywb and ReplayWeb.page read it.
///
/// During a run, lines are appended to `indexes/pending.cdxj` as records are written; closing the
/// run merges them into the sorted index. After a crash recovery the index is rebuilt from the
/// WARC files, which are the truth.
final class CrawlIndexFile {
    let layout: ArchiveLayout
    /// `pending.cdxj`, open for appending from the first append until `merge()`.
    private var pendingFile: Int32 = -1

    init(layout: ArchiveLayout) { self.layout = layout }

    deinit { if pendingFile >= 0 { close(pendingFile) } }

    var folder: String { layout.directory + "/indexes" }
    var indexPath: String { folder + "/index.cdxj" }
    var pendingPath: String { folder + "/pending.cdxj" }

    /// Appends the lines of records just written.
    func append(_ lines: [String]) throws {
        guard !lines.isEmpty else { return }
        if pendingFile < 0 {
            try POSIXDirectory.make(folder)
            pendingFile = open(pendingPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            guard pendingFile >= 0 else {
                throw ArchiveFolderError(path: pendingPath, reason: String(cString: strerror(errno)))
            }
        }
        let fd = pendingFile
        let bytes = Array(lines.map { $0 + "\n" }.joined().utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                raw.baseAddress.map { write(fd, $0 + done, raw.count - done) } ?? -1
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw ArchiveFolderError(path: pendingPath, reason: String(cString: strerror(errno))) }
            done += n
        }
    }

    /// Merges pending lines into the sorted index and removes the pending file.
    func merge() throws {
        if pendingFile >= 0 {
            close(pendingFile)
            pendingFile = -1
        }
        let pending = readLines(pendingPath)
        guard !pending.isEmpty else { return }
        try CDXJIndexWriter.write(lines: readLines(indexPath) + pending, to: indexPath)
        unlink(pendingPath)
    }

    /// Rebuilds the index from every WARC file of the archive.
    func rebuild() throws {
        try POSIXDirectory.make(folder)
        var lines: [String] = []
        for name in directoryEntries(layout.warcDirectory, suffixes: WARCCompression.fileSuffixes) {
            guard let reader = try? WARCReader(path: layout.warcPath(name)) else { continue }
            while true {
                guard let entry = try? reader.next() else { break }
                if let line = CDXJIndexer.line(for: entry, filename: name) { lines.append(line) }
            }
        }
        try CDXJIndexWriter.write(lines: lines, to: indexPath)
        unlink(pendingPath)
    }

    private func readLines(_ path: String) -> [String] {
        guard let file = fopen(path, "r") else { return [] }
        defer { fclose(file) }
        var lines: [String] = []
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(buffer) }
        while getline(&buffer, &capacity, file) > 0 {
            guard let buffer else { break }
            let line = String(cString: buffer).trimming(["\n", "\r"])
            if !line.isEmpty { lines.append(line) }
        }
        return lines
    }
}
