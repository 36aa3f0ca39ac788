/// The fields vestige extracts, named and ordered as `exiftool -json -n` prints them.
public enum MetadataField: String, CaseIterable, Sendable, Comparable {
    case fileType = "FileType"
    case mimeType = "MIMEType"
    case imageWidth = "ImageWidth"
    case imageHeight = "ImageHeight"
    case make = "Make"
    case model = "Model"
    case software = "Software"
    case dateTimeOriginal = "DateTimeOriginal"
    case createDate = "CreateDate"
    /// Apple's local capture time with offset (QuickTime Keys `com.apple.quicktime.creationdate`).
    case creationDate = "CreationDate"
    /// QuickTime user data `©day`, as exiftool names it.
    case contentCreateDate = "ContentCreateDate"
    case offsetTimeOriginal = "OffsetTimeOriginal"
    case gpsLatitude = "GPSLatitude"
    case gpsLongitude = "GPSLongitude"
    case gpsAltitude = "GPSAltitude"
    case gpsDateTime = "GPSDateTime"
    case duration = "Duration"

    public static func < (lhs: Self, rhs: Self) -> Bool {
        guard let left = allCases.firstIndex(of: lhs), let right = allCases.firstIndex(of: rhs) else { return false }
        return left < right
    }
}
