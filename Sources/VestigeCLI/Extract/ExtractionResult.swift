public import MediaMetadata

/// What `vestige extract` learned about one file: its metadata, or why there is none.
public struct ExtractionResult: Sendable {
    /// The path as it will be printed (exiftool's SourceFile).
    public var sourceFile: String
    /// The metadata, or the reason the file could not be read.
    public var outcome: Result<MediaMetadata, ExtractionError>

    /// The metadata when the file was read.
    public var metadata: MediaMetadata? { try? outcome.get() }
}

/// Why a file gave no metadata, in words a user can act on.
public struct ExtractionError: Error, Sendable, CustomStringConvertible {
    /// exiftool-style message ("Unknown file type", "File not found").
    public var message: String
    public var description: String { message }
}
