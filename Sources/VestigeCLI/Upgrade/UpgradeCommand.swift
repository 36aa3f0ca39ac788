import ArchiveIndex
public import ArgumentParser
import Foundation
import GRDB

/// `vestige upgrade`: runs the index migrations of this vestige on an archive made by an older one.
public struct UpgradeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "upgrade",
        abstract: "Bring an archive's index to this version of vestige (in place, nothing imported again).",
        discussion: """
            Writing commands (crawl, import, reindex, recrawl) upgrade an archive as they open it; \
            `search` opens archives read-only and asks for this command when the index is older. \
            The WARC files are never touched. Running it again does nothing.

            Example:
              vestige upgrade --archive arch
            """)

    @OptionGroup var archiveOptions: ArchiveOptions

    public init() {}

    public func run() throws {
        let path = SearchCommandSupport.databasePath(archiveOptions.archive)
        guard FileManager.default.fileExists(atPath: path) else {
            StandardStream.writeError("vestige: \(ArchiveIndexError.noArchive(path))\n")
            throw ExitCode.failure
        }
        let applied: [String]
        do {
            let before = try Self.completed(path)
            let database = try ArchiveDatabase(path: path)
            let after = try database.read { db in try ArchiveDatabase.completedMigrations(db) }
            applied = after.filter { !before.contains($0) }
            try database.checkpoint()
        } catch {
            StandardStream.writeError("vestige: \(path): upgrade failed: \(error)\n")
            throw ExitCode.failure
        }
        var output = StandardStream.output
        output.write(
            applied.isEmpty
                ? "\(path) is up to date\n" : "\(path): applied \(applied.joined(separator: ", "))\n")
        output.flush()
    }

    /// The migrations already run on the archive at `path`, read without changing it.
    private static func completed(_ path: String) throws -> [String] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        return try queue.read { db in try ArchiveDatabase.completedMigrations(db) }
    }
}
