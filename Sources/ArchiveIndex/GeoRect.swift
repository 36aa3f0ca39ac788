/// A closed box that does not cross the antimeridian (`minLongitude <= maxLongitude`).
public struct GeoRect: Sendable, Hashable {
    /// Western edge, degrees.
    public let minLongitude: Double
    /// Eastern edge, degrees.
    public let maxLongitude: Double
    /// Southern edge, degrees.
    public let minLatitude: Double
    /// Northern edge, degrees.
    public let maxLatitude: Double

    /// True when the point lies in the closed box.
    public func contains(latitude: Double, longitude: Double) -> Bool {
        latitude >= minLatitude && latitude <= maxLatitude && longitude >= minLongitude && longitude <= maxLongitude
    }
}
