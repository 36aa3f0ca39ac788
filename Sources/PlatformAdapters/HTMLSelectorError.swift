/// Why a configured HTML selector was refused.
public struct HTMLSelectorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The selector as configured.
    public let selector: String
    /// 1-based character position of the problem.
    public let position: Int
    /// What is wrong.
    public let message: String

    /// An error at `position` of `selector`.
    public init(selector: String, position: Int, message: String) {
        self.selector = selector
        self.position = position
        self.message = message
    }

    public var description: String { "selector \"\(selector)\", position \(position): \(message)" }
}
