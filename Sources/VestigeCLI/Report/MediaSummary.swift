/// Place and time evidence of the archive's images and videos.
struct MediaSummary: Equatable {
    var total = 0
    /// With a position other than exactly 0,0.
    var withPosition = 0
    /// At exactly 0,0 (a device without a fix, usually).
    var atNullIsland = 0
    /// With a capture time that carries its offset (Apple CreationDate, or DateTimeOriginal with
    /// OffsetTimeOriginal).
    var withCaptureTime = 0
    /// With a local capture time but no offset (cannot be placed on the UTC time line).
    var withLocalTimeOnly = 0
    /// With a QuickTime container time (UTC).
    var withContainerTime = 0
    /// Both times known: how many were compared.
    var compared = 0
    var mismatches: [MediaTimeMismatch] = []
}
