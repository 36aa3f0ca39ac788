import ArchiveIndex

/// Readable output: a block per hit with time, author, place, excerpt, URL and provenance.
struct HitTableWriter {
    /// Highlight matches with ANSI bold (only on a terminal); otherwise with [ ].
    let terminal: Bool

    func write(_ hits: [SearchHit], to sink: inout some TextSink) {
        let open = terminal ? "\u{1B}[1m" : "["
        let close = terminal ? "\u{1B}[0m" : "]"
        for (index, hit) in hits.enumerated() {
            var head = "\(index + 1). \(hit.kind.rawValue)"
            head += "  " + (hit.createdAt ?? "(no time)")
            if let offset = hit.createdOffset { head += " (local \(offset))" }
            if let author = hit.author { head += "  @\(author)" }
            if let latitude = hit.latitude, let longitude = hit.longitude {
                head += "  \(NumberText.fixed(latitude, decimals: 5)),\(NumberText.fixed(longitude, decimals: 5))"
                if hit.nullIsland { head += " (null island)" }
            }
            if let distance = hit.distanceKilometres { head += "  \(NumberText.fixed(distance, decimals: 1)) km" }
            if let deleted = hit.deletedAt { head += "  DELETED \(deleted)" }
            sink.write(head + "\n")
            if let title = hit.title, !title.isEmpty { sink.write("   " + Self.oneLine(title) + "\n") }
            if let snippet = hit.snippet(open: open, close: close) {
                sink.write("   " + Self.oneLine(snippet) + "\n")
            } else if let body = hit.body, !body.isEmpty {
                sink.write("   " + Self.oneLine(Self.cut(body, 200)) + "\n")
            }
            if let url = hit.url { sink.write("   " + url + "\n") }
            var provenance: [String] = []
            if let file = hit.warcFile {
                provenance.append("\(file)@\(hit.warcOffset.map(String.init) ?? "?")")
            } else if let file = hit.sourceFile {
                provenance.append("\(file):\(hit.sourceLine.map(String.init) ?? "?")")
            }
            if let record = hit.recordID { provenance.append(record) }
            if let digest = hit.payloadDigest { provenance.append(digest) }
            if !provenance.isEmpty { sink.write("   from " + provenance.joined(separator: "  ") + "\n") }
            for (number, version) in hit.versions.enumerated() {
                sink.write("   version \(number + 1), seen \(version.seenAt ?? "?"): ")
                sink.write(Self.oneLine(Self.cut(version.body, 200)) + "\n")
                if let record = version.recordID { sink.write("      from " + record + "\n") }
            }
            sink.write("\n")
        }
        sink.write(hits.count == 1 ? "1 hit\n" : "\(hits.count) hits\n")
    }

    static func oneLine(_ text: String) -> String {
        String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" || $0 == "\t" ? " " : $0 })
    }

    static func cut(_ text: String, _ count: Int) -> String {
        text.count <= count ? text : String(text.prefix(count)) + "…"
    }
}
