/// Why the test server could not start.
public struct TestHTTPServerError: Error, CustomStringConvertible {
    /// The system call that failed.
    public let operation: String
    /// Its errno.
    public let code: Int32

    /// "<operation> failed: errno <code>".
    public var description: String { "test server: \(operation) failed: errno \(code)" }
}
