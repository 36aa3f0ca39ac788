/// Why `vestige show` could not show a record: a bad argument (exit 64) or a record that is not
/// there or cannot be read (exit 65). The message names the file, offset or argument.
public enum ShowError: Error, CustomStringConvertible {
    /// The RECORD argument or an option is malformed.
    case usage(String)
    /// No such record, or it is damaged.
    case notFound(String)
    /// The output file cannot be written.
    case output(String)

    public var description: String {
        switch self {
        case .usage(let message), .notFound(let message), .output(let message): message
        }
    }
}
