public import ArgumentParser
import Crawling

/// `--archive DIR`, shared by the commands that work on an archive folder.
public struct ArchiveOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The archive folder (holds archive.sqlite and warc/).", valueName: "DIR"))
    public var archive: String

    public init() {}

    /// The folder's layout.
    var layout: ArchiveLayout { ArchiveLayout(directory: archive) }
}
