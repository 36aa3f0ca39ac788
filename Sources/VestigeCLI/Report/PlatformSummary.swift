/// The posts of one platform: counts and the numeric id coverage.
struct PlatformSummary: Equatable {
    var platform: String
    var posts = 0
    var deleted = 0
    var withPosition = 0
    /// Posts per platform adapter that read them ("dump" for JSONL imports).
    var byAdapter: [String: Int] = [:]
    var coverage = IDCoverage(ids: [])
}
