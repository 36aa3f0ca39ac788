/// Which generated data set to serve.
public enum DataSet: String, Sendable, CaseIterable {
    /// 300 users, 3,000 posts (`Samples/platform/`).
    case full
    /// 40 users, 300 posts (`Samples/platform-small/`), for tests.
    case small

    /// The folder inside the data directory.
    public var folderName: String {
        switch self {
        case .full: "platform"
        case .small: "platform-small"
        }
    }
}
