import ArchiveIndex
import GRDB

/// What an archive holds per host, per platform and in its media, read from archive.sqlite
/// (opened read-only).
struct ArchiveReport {
    /// Capture and container times closer than this count as agreeing (clock drift, rounding).
    static let timeTolerance: Int64 = 120

    var hosts: [HostSummary] = []
    var platforms: [PlatformSummary] = []
    var media = MediaSummary()

    /// Reads the report from the database at `path`.
    init(databasePath path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.read { db in
            var byHost: [String: HostSummary] = [:]
            func update(_ url: String?, _ change: (inout HostSummary) -> Void) {
                let host = url.map(Self.host) ?? "(no URL)"
                change(&byHost[host, default: HostSummary(host: host)])
            }
            let captures = try Row.fetchCursor(db, sql: "SELECT url, warc_length FROM captures")
            while let row = try captures.next() {
                let length: Int64 = row["warc_length"] ?? 0
                update(row["url"]) {
                    $0.captures += 1
                    $0.bytes += length
                }
            }
            let frontier = try Row.fetchCursor(
                db, sql: "SELECT origin, state, reason FROM frontier WHERE state IN ('failed', 'excluded')")
            while let row = try frontier.next() {
                let state: String = row["state"]
                let reason: String = row["reason"] ?? "(no reason recorded)"
                update(row["origin"]) {
                    if state == "failed" {
                        $0.failures[reason, default: 0] += 1
                    } else if reason == "robots.txt" {
                        $0.robotsExcluded += 1
                    } else {
                        $0.otherExcluded += 1
                    }
                }
            }
            for url in try String?.fetchAll(db, sql: "SELECT url FROM pages") { update(url) { $0.pages += 1 } }
            for url in try String?.fetchAll(db, sql: "SELECT url FROM media") { update(url) { $0.media += 1 } }

            var byPlatform: [String: (summary: PlatformSummary, ids: [String])] = [:]
            let posts = try Row.fetchCursor(
                db, sql: "SELECT platform, post_id, url, deleted_at, latitude, null_island, adapter FROM posts")
            while let row = try posts.next() {
                let platform: String = row["platform"]
                let deleted = (row["deleted_at"] as String?) != nil
                let placed = (row["latitude"] as Double?) != nil && (row["null_island"] as Int? ?? 0) == 0
                update(row["url"]) { $0.posts += 1 }
                var entry = byPlatform[platform] ?? (PlatformSummary(platform: platform), [])
                entry.summary.posts += 1
                if deleted { entry.summary.deleted += 1 }
                if placed { entry.summary.withPosition += 1 }
                entry.summary.byAdapter[row["adapter"] as String? ?? "dump", default: 0] += 1
                entry.ids.append(row["post_id"])
                byPlatform[platform] = entry
            }
            platforms = byPlatform.values.map { entry in
                var summary = entry.summary
                summary.coverage = IDCoverage(ids: entry.ids)
                return summary
            }.sorted { $0.platform < $1.platform }
            hosts = byHost.values.sorted { $0.host < $1.host }
            media = try Self.media(db)
        }
    }

    private static func media(_ db: Database) throws -> MediaSummary {
        var summary = MediaSummary()
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT url, latitude, longitude, null_island, creation_date, date_time_original,
                    offset_time_original, create_date, sources FROM media
                """)
        while let row = try rows.next() {
            summary.total += 1
            if (row["null_island"] as Int? ?? 0) != 0 {
                summary.atNullIsland += 1
            } else if (row["latitude"] as Double?) != nil, (row["longitude"] as Double?) != nil {
                summary.withPosition += 1
            }
            let creation: String? = row["creation_date"]
            let original: String? = row["date_time_original"]
            let offset: String? = row["offset_time_original"]
            let capture = [creation, original.map { $0 + (offset ?? "") }].compactMap { $0 }
                .compactMap { text in exifTimestamp(text).map { (text, $0) } }
                .first { $0.1.offsetMinutes != nil }
            if capture != nil {
                summary.withCaptureTime += 1
            } else if creation != nil || original != nil {
                summary.withLocalTimeOnly += 1
            }
            var container: (String, Timestamp)?
            if let create: String = row["create_date"], let sources: String = row["sources"],
                let parsed = try? JSONParser.parse(Array(sources.utf8)),
                parsed["CreateDate"]?.string?.hasPrefix("QuickTime") == true,
                let instant = exifTimestamp(create)
            {
                container = (create, instant)
                summary.withContainerTime += 1
            }
            guard let (captureText, captureInstant) = capture, let (containerText, containerInstant) = container,
                let offsetMinutes = captureInstant.offsetMinutes
            else { continue }
            summary.compared += 1
            let difference = containerInstant.seconds - captureInstant.seconds
            // A camera that writes its local wall-clock time into the UTC field is off by exactly the offset.
            let unexplained = min(abs(difference), abs(difference - Int64(offsetMinutes) * 60))
            if unexplained > timeTolerance {
                summary.mismatches.append(
                    MediaTimeMismatch(
                        url: row["url"], captureTime: captureText, containerTime: containerText,
                        differenceSeconds: difference))
            }
        }
        return summary
    }

    /// exiftool's "YYYY:MM:DD HH:MM:SS[±HH:MM|Z]" as an instant (no zone: UTC, offset unknown).
    static func exifTimestamp(_ text: String) -> Timestamp? {
        var characters = Array(text)
        guard characters.count >= 19, characters[4] == ":", characters[7] == ":" else { return nil }
        characters[4] = "-"
        characters[7] = "-"
        characters[10] = "T"
        return Timestamp(parsing: String(characters))
    }

    /// The host (with port) of a URL or origin, lower-cased.
    static func host(_ url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[..<end]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        return authority.isEmpty ? "(no host)" : authority.lowercased()
    }
}
