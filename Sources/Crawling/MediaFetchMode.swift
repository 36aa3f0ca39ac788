/// How media files (images and videos) are fetched.
public enum MediaFetchMode: String, Sendable, CaseIterable {
    /// The whole file, like any other URL.
    case full
    /// Only the byte ranges that hold the metadata (JPEG segments before the image data, the
    /// box headers and `moov` of MP4/MOV/3GP), archived as 206 responses; a server that ignores
    /// Range sends the whole file, which is kept.
    case headers
}
