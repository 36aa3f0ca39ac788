/// Why the sample platform could not load its data or start.
public enum SamplePlatformError: Error, Sendable, CustomStringConvertible {
    /// A data file is missing or unreadable.
    case unreadableFile(path: String, reason: String)
    /// A data file is not the JSON shape `scripts/make-sample-platform` writes.
    case invalidFile(path: String, detail: String)
    /// No folder with `platform/users.json` in any of the places looked at.
    case dataDirectoryNotFound(tried: [String])
    /// Epochs are 1 (as published) and 2 (after edits, deletions and suspensions).
    case invalidEpoch(Int)
    /// `start` was called while the server runs.
    case alreadyRunning
    /// The listening socket could not be opened.
    case cannotListen(port: Int, reason: String)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            "cannot read \(path): \(reason) (regenerate with scripts/make-sample-platform, or pass --data DIR)"
        case .invalidFile(let path, let detail):
            "\(path) is not sample platform data: \(detail) (regenerate with scripts/make-sample-platform)"
        case .dataDirectoryNotFound(let tried):
            "no sample platform data (Samples/platform/users.json) found; looked in: "
                + tried.joined(separator: ", ") + " (pass --data DIR pointing at the Samples folder)"
        case .invalidEpoch(let epoch):
            "epoch \(epoch) does not exist: use 1 (as published) or 2 (some posts edited or deleted, accounts suspended)"
        case .alreadyRunning:
            "the sample platform is already running; stop it first"
        case .cannotListen(let port, let reason):
            "cannot listen on 127.0.0.1:\(port): \(reason) (is the port in use? try --port 0 for any free port)"
        }
    }
}
