/// Something in an input file that could not be imported: the file, where in it, and why.
public struct ImportProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input file.
    public var file: String
    /// 1-based line of a JSONL dump.
    public var line: Int?
    /// Byte offset of a WARC record.
    public var offset: Int64?
    /// What was wrong.
    public var message: String

    /// A problem at `file` (and `line` or `offset`).
    public init(file: String, line: Int? = nil, offset: Int64? = nil, message: String) {
        self.file = file
        self.line = line
        self.offset = offset
        self.message = message
    }

    /// "file:line: message", "file@offset: message" or "file: message".
    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        if message.hasPrefix(file) { return message }
        if let offset { return "\(file)@\(offset): \(message)" }
        return "\(file): \(message)"
    }
}
