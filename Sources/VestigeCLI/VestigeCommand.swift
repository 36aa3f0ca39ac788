public import ArgumentParser

/// The `vestige` command and its subcommands.
public struct VestigeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "vestige",
        abstract: "Archive a public platform and search the archive by words, place and time.",
        discussion: """
            Exit status: 0 ok, 1 runtime failure, 64 usage error, 65 bad input data.
            """,
        version: VersionCommand.vestigeVersion,
        subcommands: [ExtractCommand.self, VersionCommand.self])

    public init() {}
}
