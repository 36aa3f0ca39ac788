import ArchiveIndex
import Crawling

/// Seals a crawl session's WARC files into the archive's manifest and hash chain (see
/// `ArchiveManifest`); called when a crawl (or the demo's crawl) ends.
enum ManifestSealing {
    /// Seals and returns the summary line; throws `CLIError` naming the file that could not be written.
    static func seal(layout: ArchiveLayout) throws -> String {
        do {
            let database = try ArchiveDatabase(path: layout.databasePath)
            let result = try ArchiveManifest.seal(layout: layout, database: database)
            return "  manifest   \(result.listed) WARC files in manifest.sha256, \(result.chained.count) chained now "
                + "(check: vestige verify, or sha256sum -c manifest.sha256 in the folder)\n"
        } catch {
            throw CLIError(
                "the crawl finished but its manifest could not be written: \(error); "
                    + "the WARC files are intact, run the crawl again to retry")
        }
    }
}
