/// `vestige report --format json`: one object with hosts, platforms and media.
enum ReportJSONWriter {
    static func json(_ report: ArchiveReport) -> String {
        let hosts = report.hosts.map { host in
            let failures = host.failures.sorted { $0.key < $1.key }.map { "\(JSONText.quoted($0.key)): \($0.value)" }
            return
                "{\"host\": \(JSONText.quoted(host.host)), \"captures\": \(host.captures), \"bytes\": \(host.bytes), "
                + "\"posts\": \(host.posts), \"pages\": \(host.pages), \"media\": \(host.media), "
                + "\"failures\": {\(failures.joined(separator: ", "))}, \"robots_excluded\": \(host.robotsExcluded), "
                + "\"other_excluded\": \(host.otherExcluded)}"
        }
        let platforms = report.platforms.map { platform in
            let coverage = platform.coverage
            func ranges(_ list: [ClosedRange<Int64>]) -> String {
                "[" + list.map { "[\($0.lowerBound), \($0.upperBound)]" }.joined(separator: ", ") + "]"
            }
            let adapters = platform.byAdapter.sorted { $0.key < $1.key }
                .map { "\(JSONText.quoted($0.key)): \($0.value)" }.joined(separator: ", ")
            return "{\"platform\": \(JSONText.quoted(platform.platform)), \"posts\": \(platform.posts), "
                + "\"deleted\": \(platform.deleted), \"with_position\": \(platform.withPosition), "
                + "\"adapters\": {\(adapters)}, \"numeric_ids\": {\"held\": \(coverage.held), \"missing\": \(coverage.missing), "
                + "\"ranges\": \(ranges(coverage.runs)), \"gaps\": \(ranges(coverage.gaps))}, "
                + "\"non_numeric_ids\": \(coverage.nonNumeric)}"
        }
        let media = report.media
        let mismatches = media.mismatches.map { mismatch in
            "{\"url\": \(JSONText.quoted(mismatch.url)), \"capture_time\": \(JSONText.quoted(mismatch.captureTime)), "
                + "\"container_time\": \(JSONText.quoted(mismatch.containerTime)), "
                + "\"difference_seconds\": \(mismatch.differenceSeconds)}"
        }
        let mediaJSON =
            "{\"total\": \(media.total), \"with_position\": \(media.withPosition), "
            + "\"at_null_island\": \(media.atNullIsland), \"with_capture_time\": \(media.withCaptureTime), "
            + "\"with_local_time_only\": \(media.withLocalTimeOnly), "
            + "\"with_container_time\": \(media.withContainerTime), \"compared\": \(media.compared), "
            + "\"time_mismatches\": [\(mismatches.joined(separator: ", "))]}"
        return "{\"hosts\": [\(hosts.joined(separator: ", "))], \"platforms\": [\(platforms.joined(separator: ", "))], "
            + "\"media\": \(mediaJSON)}"
    }
}
