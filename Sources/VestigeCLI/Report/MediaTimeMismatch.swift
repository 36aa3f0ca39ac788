/// A media file whose capture time (local, with offset) and container time (UTC) differ by
/// more than the offset explains.
struct MediaTimeMismatch: Equatable {
    var url: String
    /// As the header has it: "YYYY:MM:DD HH:MM:SS±HH:MM".
    var captureTime: String
    /// QuickTime CreateDate, UTC.
    var containerTime: String
    /// Container minus capture instant, seconds.
    var differenceSeconds: Int64
}
