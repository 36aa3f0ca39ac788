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
        subcommands: [ExtractCommand.self, ImportCommand.self, SearchCommand.self, CrawlCommand.self, VerifyCommand.self, VersionCommand.self])

    public init() {}
}
