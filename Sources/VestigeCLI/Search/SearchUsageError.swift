/// A bad search option value or query: printed as "vestige: message", exit status 64.
public struct SearchUsageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message, naming the option or the query column at fault.
    public let message: String
    /// An error with this message.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
