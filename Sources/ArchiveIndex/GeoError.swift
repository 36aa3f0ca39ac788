/// Why a place given on the command line is not usable.
public struct GeoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public let message: String
    /// An error with this message.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
