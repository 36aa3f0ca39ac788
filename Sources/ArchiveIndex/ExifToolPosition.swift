/// A position from exiftool's `GPSPosition` or QuickTime `GPSCoordinates`: latitude, longitude
/// and, for `GPSCoordinates`, an altitude.
public struct ExifToolPosition: Sendable, Hashable {
    /// Signed decimal degrees.
    public var latitude: Double
    /// Signed decimal degrees.
    public var longitude: Double
    /// Metres, when the text had a third part.
    public var altitude: ExifToolAltitude?

    /// A position.
    public init(latitude: Double, longitude: Double, altitude: ExifToolAltitude? = nil) {
        self.latitude = latitude
        self.longitude = longitude
        self.altitude = altitude
    }
}
