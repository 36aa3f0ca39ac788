public import ArgumentParser

/// The `vestige` command and its subcommands.
@available(macOS 10.15, macCatalyst 13, iOS 13, tvOS 13, watchOS 6, *)
public struct VestigeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "vestige",
        abstract: "Archive a public platform and search the archive by words, place and time.",
        discussion: """
            Exit status: 0 ok, 1 runtime failure, 64 usage error, 65 bad input data.
            """,
        version: VersionCommand.vestigeVersion,
        subcommands: [
            DemoCommand.self, ExtractCommand.self, CrawlCommand.self, ImportCommand.self, SearchCommand.self,
            ReindexCommand.self, RecrawlCommand.self, VerifyCommand.self, ShowCommand.self, ExportCommand.self,
            ReportCommand.self, UpgradeCommand.self, SamplePlatformCommand.self, VersionCommand.self,
        ])

    public init() {}

    /// Parses the process's arguments and runs the chosen command (async ones awaited).
    /// ArgumentParser's own `main()` resolves to its synchronous overload from top-level code.
    public static func runFromCommandLine() async {
        do {
            var command = try await asyncParseAsRoot(nil)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
