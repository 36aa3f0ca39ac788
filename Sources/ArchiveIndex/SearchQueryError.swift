/// A query that cannot be searched, with the 1-based column (in characters) of the problem.
public struct SearchQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based character column in the query text.
    public let column: Int
    /// What is wrong and how to fix it.
    public let message: String

    /// An error at `column`.
    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    /// "query error at column N: message", as the CLI prints it after "vestige: ".
    public var description: String { "query error at column \(column): \(message)" }
}
