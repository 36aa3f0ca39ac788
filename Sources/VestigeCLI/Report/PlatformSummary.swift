/// The posts of one platform: counts and the numeric id coverage.
struct PlatformSummary: Equatable {
    var platform: String
    var posts = 0
    var deleted = 0
    var withPosition = 0
    var coverage = IDCoverage(ids: [])
}
