/// Why a line is not valid JSON, with the 1-based byte column where reading stopped.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based byte column in the line.
    public let column: Int
    /// What was wrong.
    public let message: String

    /// An error at `column`.
    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    public var description: String { "column \(column): \(message)" }
}
