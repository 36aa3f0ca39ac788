/// `vestige report` as readable tables.
struct ReportTableWriter {
    /// Gaps and mismatches listed per section.
    let limit: Int

    func write(_ report: ArchiveReport, to sink: inout some TextSink) {
        sink.write("Hosts\n")
        sink.write(
            pad("host", 28) + pad("captures", 10) + pad("bytes", 10) + pad("posts", 8) + pad("pages", 8)
                + pad("media", 8) + pad("failed", 8) + pad("robots", 8) + "other excluded\n")
        for host in report.hosts {
            sink.write(
                pad(host.host, 28) + pad("\(host.captures)", 10) + pad(ByteCount.format(host.bytes), 10)
                    + pad("\(host.posts)", 8) + pad("\(host.pages)", 8) + pad("\(host.media)", 8)
                    + pad("\(host.failures.values.reduce(0, +))", 8) + pad("\(host.robotsExcluded)", 8)
                    + "\(host.otherExcluded)\n")
            for (reason, count) in host.failures.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
                sink.write("    failed \(count)× \(reason)\n")
            }
        }
        if report.hosts.isEmpty { sink.write("  (nothing archived)\n") }

        sink.write("\nPlatforms (posts)\n")
        if report.platforms.isEmpty { sink.write("  (no posts indexed)\n") }
        for platform in report.platforms {
            let coverage = platform.coverage
            sink.write(
                "  \(platform.platform): \(platform.posts) posts, \(platform.deleted) deleted, "
                    + "\(platform.withPosition) with a position\n")
            let adapters = platform.byAdapter.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            sink.write("    read by: \(adapters.joined(separator: ", "))\n")
            if let first = coverage.runs.first, let last = coverage.runs.last {
                sink.write(
                    "    numeric ids \(first.lowerBound)-\(last.upperBound): \(coverage.held) held in "
                        + "\(coverage.runs.count) runs, \(coverage.missing) missing in \(coverage.gaps.count) gaps\n")
                let gaps = coverage.gaps
                if !gaps.isEmpty {
                    let shown = gaps.prefix(limit).map(IDCoverage.text).joined(separator: ", ")
                    sink.write("    gaps: \(shown)\(gaps.count > limit ? ", … (\(gaps.count - limit) more)" : "")\n")
                }
            }
            if coverage.nonNumeric > 0 { sink.write("    \(coverage.nonNumeric) ids are not numbers\n") }
        }

        let media = report.media
        sink.write("\nMedia\n")
        sink.write("  \(media.total) images and videos\n")
        sink.write("  \(media.withPosition) with a position, \(media.atNullIsland) at exactly 0,0\n")
        sink.write(
            "  \(media.withCaptureTime) with a capture time and its offset, \(media.withLocalTimeOnly) with a local "
                + "time only, \(media.withContainerTime) with a container (QuickTime, UTC) time\n")
        sink.write(
            "  \(media.mismatches.count) of \(media.compared) with both disagree by more than the offset explains\n")
        for mismatch in media.mismatches.prefix(limit) {
            sink.write(
                "    \(mismatch.url)\n      capture \(mismatch.captureTime), container \(mismatch.containerTime) UTC, "
                    + "\(mismatch.differenceSeconds) s apart\n")
        }
        if media.mismatches.count > limit { sink.write("    … (\(media.mismatches.count - limit) more)\n") }
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
