/// The files of an archive folder (`DIR/archive.sqlite`, `DIR/warc/`, `DIR/vestige.toml`).
public struct ArchiveLayout: Sendable {
    /// The archive folder.
    public let directory: String

    /// The layout of `directory` (trailing slashes ignored).
    public init(directory: String) {
        var trimmed = directory
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.directory = trimmed
    }

    /// `DIR/archive.sqlite`.
    public var databasePath: String { directory + "/archive.sqlite" }
    /// `DIR/warc`.
    public var warcDirectory: String { directory + "/warc" }
    /// `DIR/vestige.toml`.
    public var configPath: String { directory + "/vestige.toml" }

    /// The path of a WARC file named in the database.
    public func warcPath(_ filename: String) -> String { warcDirectory + "/" + filename }
}
