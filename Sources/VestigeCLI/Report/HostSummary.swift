/// What the archive holds and lacks for one host.
struct HostSummary: Equatable {
    var host: String
    var captures = 0
    /// Compressed bytes of the capture records in the WARC files.
    var bytes: Int64 = 0
    var posts = 0
    var pages = 0
    var media = 0
    /// URLs given up on, by reason (frontier state `failed`).
    var failures: [String: Int] = [:]
    /// URLs not fetched because robots.txt disallows them.
    var robotsExcluded = 0
    /// URLs recorded but not fetched for other reasons (scope).
    var otherExcluded = 0
}
