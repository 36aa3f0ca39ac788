/// A manifest or chain file that cannot be read or written, naming the file (and line).
public struct ManifestError: Error, Sendable, CustomStringConvertible {
    /// The file at fault.
    public var path: String
    /// The 1-based line, when the problem is in one line.
    public var line: Int?
    /// What is wrong.
    public var message: String

    /// An error about `path` (at `line`).
    public init(path: String, line: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        "\(path)\(line.map { ":\($0)" } ?? ""): \(message)"
    }
}
