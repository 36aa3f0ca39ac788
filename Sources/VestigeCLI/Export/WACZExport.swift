import Crawling
import WARC

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Builds a WACZ package from whole WARC files of an archive: the files themselves (stored),
/// a CDXJ index of every record in them, and a pages list.
///
/// WARC files are evidence and are copied whole, never cut: a filtered export packs the files
/// that hold the hits, and lists only the hits as pages.
struct WACZExport {
    /// What was written.
    struct Summary {
        var files = 0
        var records = 0
        var pages = 0
        var unreadable = 0
        var bytes: Int64 = 0
    }

    let layout: ArchiveLayout
    /// Plain file names in `DIR/warc`.
    let files: [String]
    /// Record ids of the pages to list; nil lists every HTML page with status 200.
    let pageRecords: Set<String>?
    /// Page titles from the index, by record id.
    let titles: [String: String]

    func write(to output: String, title: String) throws -> Summary {
        var summary = Summary()
        let temporary = output + ".tmp-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
        do {
            let writer = try WACZWriter(path: temporary)
            var lines: [String] = []
            var pages: [WACZPage] = []
            var seenPages: Set<String> = []
            for name in files {
                let entryName = WACZWriter.safeFileName(name)
                let path = layout.warcPath(name)
                try writer.addFile("archive/" + entryName, from: path)
                summary.files += 1
                let reader = try WARCReader(path: path)
                var failures = 0
                while failures < 1000 {
                    let entry: WARCEntry?
                    do {
                        entry = try reader.next()
                    } catch {
                        summary.unreadable += 1
                        failures += 1
                        continue
                    }
                    guard let entry else { break }
                    summary.records += 1
                    if let line = CDXJIndexer.line(for: entry, filename: entryName) { lines.append(line) }
                    if let page = page(entry.record), seenPages.insert(page.url + " " + page.timestamp).inserted {
                        pages.append(page)
                    }
                }
            }
            let index = CDXJIndexWriter.sorted(lines).map { $0 + "\n" }.joined()
            try writer.addData("indexes/index.cdxj", Array(index.utf8))
            let header = "{\"format\": \"json-pages-1.0\", \"id\": \"pages\", \"title\": \"All Pages\"}\n"
            try writer.addData("pages/pages.jsonl", Array((header + pages.map { $0.jsonLine + "\n" }.joined()).utf8))
            summary.pages = pages.count
            try writer.finish(
                title: title, created: UTCClock.isoNow(), software: "vestige/\(VersionCommand.vestigeVersion)")
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, output) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CLIError("cannot rename \(temporary) to \(output): \(reason)")
        }
        summary.bytes = Self.fileSize(output)
        return summary
    }

    /// The page entry for `record` when it is one to list.
    func page(_ record: WARCRecord) -> WACZPage? {
        guard record.type == .response, let id = record.recordID, let url = record.targetURI,
            let date = record.date
        else { return nil }
        if let pageRecords {
            guard pageRecords.contains(id) else { return nil }
        } else {
            guard let http = HTTPResponseBlock(parsing: record.block), http.statusCode == 200,
                http.mediaType == "text/html" || http.mediaType == "application/xhtml+xml"
            else { return nil }
        }
        return WACZPage(url: url, timestamp: date.warc11String, title: titles[id])
    }

    static func fileSize(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : 0
    }
}
