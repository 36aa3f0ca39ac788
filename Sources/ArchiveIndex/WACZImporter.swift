import GRDB
import WARC

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Imports a WACZ package: every WARC file in it is copied byte for byte into the archive's
/// `warc/` folder, after its ZIP CRC-32 and its SHA-256 (against `datapackage.json`) check out,
/// and imported from there as an ordinary WARC file; then the package's page lists title the
/// pages that had no title of their own.
///
/// Why copies and not pointers into the package: the WARC files are the evidence, and every
/// command that reads evidence (`show`, `verify`, `reindex`, `export`, the manifest) finds it in
/// `DIR/warc/` by file name and offset. A copy named
/// `<package>--<entry name>-<first 8 hex of its SHA-256>.warc.gz` keeps where it came from in its
/// name and its bytes verifiable with `sha256sum` against the package's own datapackage.json.
/// An entry that fails a check is reported (package and entry named) and not copied; the other
/// entries are imported. Importing the same package again verifies it and changes nothing.
public struct WACZImporter {
    /// Imports the copied WARC files.
    public let warcImporter: WARCImporter
    /// The archive folder (`DIR`; copies go to `DIR/warc/`).
    public let archive: String

    /// An importer copying into `archive/warc/` and importing with `warcImporter`.
    public init(warcImporter: WARCImporter, archive: String) {
        self.warcImporter = warcImporter
        self.archive = archive
    }

    /// Imports the package at `path`. `problem` gets what could not be imported, `note` what was
    /// done besides (copies made, pages titled, pages the package lists but does not hold).
    public func importFile(
        path: String, problem: (ImportProblem) -> Void, note: (String) -> Void,
        progress: ((ImportProgress) -> Void)? = nil
    ) throws -> ImportSummary {
        var summary = ImportSummary()
        func bad(_ message: String) {
            summary.bad += 1
            problem(ImportProblem(file: path, message: message))
        }
        let reader: WACZReader
        let package: WACZDatapackage
        do {
            reader = try WACZReader(path: path)
            guard let bytes = try reader.metadata("datapackage.json") else {
                bad("\(path): no datapackage.json")
                return summary
            }
            package = try WACZDatapackage(bytes: bytes)
            if let digestBytes = try reader.metadata("datapackage-digest.json") {
                let actual = FileDigest.hex(FileDigest.sha256(bytes))
                if let expected = WACZDatapackage.digestOfPackage(digestBytes), expected != actual {
                    bad(
                        "\(path): datapackage.json has SHA-256 \(actual) where datapackage-digest.json says "
                            + "\(expected): the package manifest was changed after it was made; entries are still "
                            + "checked against it")
                }
            }
        } catch let error as WACZDatapackageError {
            bad("\(path): \(error); no entry can be verified, nothing was imported")
            return summary
        } catch {
            bad("\(error)")
            return summary
        }
        for (listed, _) in package.sha256.sorted(by: { $0.key < $1.key }) where reader.zip.entry(named: listed) == nil {
            bad("\(path): \(listed) is listed in datapackage.json but missing from the package")
        }
        let warcDirectory = archive + "/warc"
        if mkdir(warcDirectory, 0o755) != 0 && errno != EEXIST {
            throw ArchiveIndexError.database(
                path: warcDirectory, context: "creating the WARC folder", message: String(cString: strerror(errno)))
        }
        var copies: [String] = []
        for entry in reader.warcEntries {
            guard let expected = package.sha256[entry.name] else {
                let why =
                    package.otherHashes[entry.name].map { "its hash \($0) is not SHA-256" }
                    ?? "datapackage.json does not list it"
                bad("\(path): \(entry.name): \(why), so its bytes cannot be verified; not imported")
                continue
            }
            let name = Self.copyName(package: path, entry: entry.name, sha256: expected)
            let copy: WACZEntryCopy
            do {
                copy = try reader.copy(entry, to: warcDirectory + "/" + name, expectedSHA256: expected)
            } catch {
                bad("\(error)")
                continue
            }
            if copy.created { note("\(path): \(entry.name) -> warc/\(name) (\(copy.bytes) bytes, SHA-256 verified)") }
            copies.append(name)
            summary.add(
                try warcImporter.importFile(path: copy.path, name: name, problem: problem, progress: progress))
        }
        var listed: [WACZListedPage] = []
        for entry in reader.pageLists {
            do {
                let bytes = try reader.read(entry)
                if let expected = package.sha256[entry.name], FileDigest.hex(FileDigest.sha256(bytes)) != expected {
                    bad("\(path): \(entry.name): SHA-256 differs from datapackage.json; its titles were not used")
                    continue
                }
                let parsed = WACZListedPage.parse(bytes)
                if parsed.bad > 0 { bad("\(path): \(entry.name): \(parsed.bad) lines are not JSON; skipped") }
                listed += parsed.pages
            } catch {
                bad("\(error)")
            }
        }
        if !listed.isEmpty && !copies.isEmpty {
            let outcome = try titlePages(listed, in: copies)
            summary.updated += outcome.titled
            if outcome.titled > 0 {
                note("\(path): \(outcome.titled) pages without a title of their own titled from the page list")
            }
            if outcome.missing > 0 {
                note("\(path): \(outcome.missing) of \(listed.count) listed pages have no capture in its WARC files")
            }
        }
        return summary
    }

    /// `<package file name>--<entry file name without .warc(.gz|.zst)>-<8 hex of SHA-256>.warc(.gz|.zst)`,
    /// made of safe characters only: a plain file name in `DIR/warc/`, unique per content.
    static func copyName(package: String, entry: String, sha256: String) -> String {
        let packageName = package.split(separator: "/").last.map(String.init) ?? package
        let entryName = entry.split(separator: "/").last.map(String.init) ?? entry
        let suffix = WARCCompression.fileSuffix(of: entryName) ?? ".warc"
        let stem = String(entryName.dropLast(suffix.count))
        return WACZWriter.safeFileName("\(packageName)--\(stem)-\(sha256.prefix(8))") + suffix
    }

    /// Gives the pages of `files` that have no title (or no text) the title (text) the page list
    /// gives, keeping pages_fts in step. A listed title equal to the URL is a placeholder (vestige
    /// and others write it for untitled pages) and is not used. Returns pages titled and listed
    /// pages with no capture in `files`.
    private func titlePages(_ listed: [WACZListedPage], in files: [String]) throws -> (titled: Int, missing: Int) {
        let placeholders = Array(repeating: "?", count: files.count).joined(separator: ", ")
        var titled = 0
        var missing = 0
        try warcImporter.database.writer.write { db in
            for page in listed {
                let captured = try Bool.fetchOne(
                    db,
                    sql: "SELECT EXISTS (SELECT 1 FROM captures WHERE url = ? AND warc_file IN (\(placeholders)))",
                    arguments: StatementArguments([page.url] + files))
                if captured != true { missing += 1 }
                let title = page.title.flatMap { $0.isEmpty || $0 == page.url ? nil : $0 }
                let text = page.text.flatMap { $0.isEmpty ? nil : $0 }
                guard title != nil || text != nil else { continue }
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, title, text, fetched_at FROM pages
                        WHERE url = ? AND warc_file IN (\(placeholders))
                            AND (title IS NULL OR title = '' OR text = '')
                        """,
                    arguments: StatementArguments([page.url] + files))
                let exact = rows.filter { row in
                    guard let timestamp = page.timestamp, let fetched = row["fetched_at"] as String? else {
                        return false
                    }
                    return Timestamp(parsing: fetched) == timestamp
                }
                let chosen = exact.isEmpty ? (rows.count == 1 ? rows : []) : exact
                for row in chosen {
                    guard let id = row["id"] as Int64? else { continue }
                    let oldTitle = row["title"] as String?
                    let oldText = row["text"] as String? ?? ""
                    let newTitle = (oldTitle ?? "").isEmpty ? (title ?? oldTitle) : oldTitle
                    let newText = oldText.isEmpty ? (text ?? oldText) : oldText
                    guard newTitle != oldTitle || newText != oldText else { continue }
                    try db.execute(
                        sql: "INSERT INTO pages_fts (pages_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
                        arguments: [id, oldTitle, oldText])
                    try db.execute(
                        sql: "UPDATE pages SET title = ?, text = ? WHERE id = ?", arguments: [newTitle, newText, id])
                    try db.execute(
                        sql: "INSERT INTO pages_fts (rowid, title, text) VALUES (?, ?, ?)",
                        arguments: [id, newTitle, newText])
                    titled += 1
                }
            }
        }
        return (titled, missing)
    }
}
