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

    /// Position in exiftool's output order (also a cheap hash: no string hashing per lookup).
    public var ordinal: Int {
        switch self {
        case .fileType: 0
        case .mimeType: 1
        case .imageWidth: 2
        case .imageHeight: 3
        case .make: 4
        case .model: 5
        case .software: 6
        case .dateTimeOriginal: 7
        case .createDate: 8
        case .creationDate: 9
        case .contentCreateDate: 10
        case .offsetTimeOriginal: 11
        case .gpsLatitude: 12
        case .gpsLongitude: 13
        case .gpsAltitude: 14
        case .gpsDateTime: 15
        case .duration: 16
        }
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.ordinal < rhs.ordinal }
}
