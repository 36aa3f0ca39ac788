public import ArchiveIndex
public import GRDB

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// The crawl frontier in `archive.sqlite`: every URL seen once (normalised), its depth and
/// state. Claims move URLs to `in_flight` so that a crash never loses them: on restart they
/// return to the queue (or to `done` when the WARC shows they were archived).
public struct Frontier: Sendable {
    let database: ArchiveDatabase

    /// The frontier stored in `database`.
    public init(database: ArchiveDatabase) { self.database = database }

    /// Adds URLs not seen before; returns how many were new.
    @discardableResult
    public func add(_ urls: [CrawlURL], depth: Int, via: String? = nil, priority: Int = 0, redirects: Int = 0) throws
        -> Int
    {
        try addReturningNew(urls, depth: depth, via: via, priority: priority, redirects: redirects).count
    }

    /// Adds URLs not seen before; returns those that were new (the others were known already).
    public func addReturningNew(
        _ urls: [CrawlURL], depth: Int, via: String? = nil, priority: Int = 0, redirects: Int = 0
    ) throws -> [CrawlURL] {
        guard !urls.isEmpty else { return [] }
        return try database.writer.write { db in
            try Self.add(
                db, FrontierAdditions(urls: urls, depth: depth, via: via, priority: priority, redirects: redirects))
        }
    }

    /// The same inside a transaction the caller holds (a page's links with its capture).
    public static func add(_ db: Database, _ additions: FrontierAdditions) throws -> [CrawlURL] {
        guard !additions.urls.isEmpty else { return [] }
        let now = Date().timeIntervalSince1970
        var added: [CrawlURL] = []
        let statement = try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO frontier (url, origin, depth, priority, via, redirects, added_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for url in additions.urls {
            try statement.execute(arguments: [
                url.string, url.origin, additions.depth, additions.priority, additions.via, additions.redirects, now,
                now,
            ])
            if db.changesCount > 0 { added.append(url) }
        }
        return added
    }

    /// Queues `urls` to be fetched again (a recrawl): known ones go back to queued at depth 0 with
    /// their attempts reset, unknown ones are added. Returns how many will be fetched.
    @discardableResult
    public func requeue(_ urls: [CrawlURL]) throws -> Int {
        guard !urls.isEmpty else { return 0 }
        let now = Date().timeIntervalSince1970
        return try database.writer.write { db in
            var queued = 0
            let reset = try db.cachedStatement(
                sql: """
                    UPDATE frontier SET state = 'queued', depth = 0, attempts = 0, retry_at = NULL, reason = 'recrawl',
                        redirects = 0, updated_at = ?
                    WHERE url = ? AND state IN ('done', 'failed')
                    """)
            let insert = try db.cachedStatement(
                sql: """
                    INSERT OR IGNORE INTO frontier (url, origin, depth, priority, reason, added_at, updated_at)
                    VALUES (?, ?, 0, 5, 'recrawl', ?, ?)
                    """)
            for url in urls {
                try reset.execute(arguments: [now, url.string])
                if db.changesCount == 0 { try insert.execute(arguments: [url.string, url.origin, now, now]) }
                queued += db.changesCount
            }
            return queued
        }
    }

    /// Records `url` as being fetched now outside the claim loop (robots.txt); nil when it was
    /// already known (it is then archived already or queued).
    public func register(_ url: CrawlURL) throws -> Int64? {
        let now = Date().timeIntervalSince1970
        return try database.writer.write { db in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO frontier (url, origin, depth, state, attempts, added_at, updated_at)
                    VALUES (?, ?, 0, 'in_flight', 1, ?, ?)
                    """, arguments: [url.string, url.origin, now, now])
            return db.changesCount == 1 ? db.lastInsertedRowID : nil
        }
    }

    /// Claims up to `limit` URLs that may be fetched now: queued ones, and retries whose time
    /// has come, at most `perOrigin` from one origin, skipping `busyOrigins`; marks them in flight.
    public func claim(limit: Int, perOrigin: Int, busyOrigins: Set<String> = [], now: Date = Date()) throws
        -> [FrontierEntry]
    {
        guard limit > 0 else { return [] }
        return try database.writer.write { db in
            var perOriginCount: [String: Int] = [:]
            var claimed: [FrontierEntry] = []
            // Rows are read one at a time and only until `limit` are claimed; the row limit bounds
            // how many entries of busy or full origins are passed over.
            let scanLimit = limit * 8 + 64
            func take(_ statement: Statement, _ arguments: StatementArguments) throws {
                let rows = try Row.fetchCursor(statement, arguments: arguments)
                while claimed.count < limit, let row = try rows.next() {
                    let origin: String = row["origin"]
                    guard !busyOrigins.contains(origin), perOriginCount[origin, default: 0] < perOrigin else {
                        continue
                    }
                    perOriginCount[origin, default: 0] += 1
                    claimed.append(
                        FrontierEntry(
                            // This claim is the next attempt: number it from 1.
                            id: row["id"], url: row["url"], origin: origin, depth: row["depth"],
                            attempts: (row["attempts"] as Int) + 1,
                            redirects: row["redirects"], via: row["via"]))
                }
            }
            // Retries whose time has come first (they have waited), then the queue by priority.
            try take(
                db.cachedStatement(
                    sql: """
                        SELECT id, url, origin, depth, attempts, redirects, via FROM frontier
                        WHERE state = 'retry' AND retry_at <= ? ORDER BY priority DESC, id LIMIT ?
                        """), [now.timeIntervalSince1970, scanLimit])
            try take(
                db.cachedStatement(
                    sql: """
                        SELECT id, url, origin, depth, attempts, redirects, via FROM frontier
                        WHERE state = 'queued' ORDER BY priority DESC, id LIMIT ?
                        """), [scanLimit])
            let update = try db.cachedStatement(
                sql: "UPDATE frontier SET state = 'in_flight', attempts = attempts + 1, updated_at = ? WHERE id = ?")
            for entry in claimed { try update.execute(arguments: [now.timeIntervalSince1970, entry.id]) }
            return claimed
        }
    }

    /// Sets a URL's final or waiting state.
    public func mark(_ id: Int64, _ state: FrontierState, reason: String? = nil, retryAt: Date? = nil) throws {
        try database.writer.write { db in
            try Self.mark(db, id, state, reason: reason, retryAt: retryAt)
        }
    }

    /// The same inside a transaction the caller holds (to commit a capture and its state together).
    public static func mark(
        _ db: Database, _ id: Int64, _ state: FrontierState, reason: String? = nil, retryAt: Date? = nil
    )
        throws
    {
        try db.cachedStatement(
            sql: "UPDATE frontier SET state = ?, reason = ?, retry_at = ?, updated_at = ? WHERE id = ?"
        ).execute(
            arguments: [state.rawValue, reason, retryAt?.timeIntervalSince1970, Date().timeIntervalSince1970, id])
    }

    /// Puts the URL `id` back in the queue after its archiving failed, unless it is no longer in
    /// flight: a failure reported after its capture was committed (the WARC writer rolled to a new
    /// file and went on) leaves it done, so it is never archived twice.
    public func requeueIfInFlight(_ id: Int64, reason: String) throws {
        try database.writer.write { db in
            try db.cachedStatement(
                sql:
                    "UPDATE frontier SET state = 'queued', reason = ?, updated_at = ? WHERE id = ? AND state = 'in_flight'"
            ).execute(arguments: [reason, Date().timeIntervalSince1970, id])
        }
    }

    /// Puts URLs left in flight by an interrupted run back in the queue; returns how many.
    @discardableResult
    public func requeueInFlight() throws -> Int {
        try database.writer.write { db in
            try db.execute(sql: "UPDATE frontier SET state = 'queued' WHERE state = 'in_flight'")
            return db.changesCount
        }
    }

    /// Number of URLs in each state.
    public func counts() throws -> [FrontierState: Int] {
        try database.read { db in
            var counts: [FrontierState: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, count(*) AS n FROM frontier GROUP BY state") {
                if let state = FrontierState(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            return counts
        }
    }

    /// The earliest time a waiting retry becomes due, if any.
    public func nextRetryDate() throws -> Date? {
        try database.read { db in
            try Double.fetchOne(db, sql: "SELECT min(retry_at) FROM frontier WHERE state = 'retry'")
                .map(Date.init(timeIntervalSince1970:))
        }
    }

    /// Number of URLs known for an origin (for the URLs-per-host trap guard).
    public func count(origin: String) throws -> Int {
        try database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM frontier WHERE origin = ?", arguments: [origin]) ?? 0
        }
    }
}
