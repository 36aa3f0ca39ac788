#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Everything within `radiusKilometres` great-circle distance of a point.
///
/// Distances are haversine distances on a sphere of the mean Earth radius (6371.0088 km), correct
/// across the antimeridian and at the poles. `boundingRects` is a prefilter for the R*Tree that
/// never leaves a point out: it widens to all longitudes when the circle reaches a pole and splits
/// in two when it crosses ±180°.
public struct GeoCircle: Sendable, Hashable {
    /// Mean Earth radius (IUGG), kilometres.
    public static let earthRadiusKilometres = 6371.0088

    /// Centre latitude, degrees.
    public let latitude: Double
    /// Centre longitude, degrees.
    public let longitude: Double
    /// Radius, kilometres.
    public let radiusKilometres: Double

    /// A circle; throws when the centre is out of range or the radius is negative or not finite.
    public init(latitude: Double, longitude: Double, radiusKilometres: Double) throws(GeoError) {
        guard latitude.isFinite, abs(latitude) <= 90 else { throw GeoError("latitude \(latitude) is outside -90…90") }
        guard longitude.isFinite, abs(longitude) <= 180 else {
            throw GeoError("longitude \(longitude) is outside -180…180")
        }
        guard radiusKilometres.isFinite, radiusKilometres >= 0 else {
            throw GeoError("radius \(radiusKilometres) km must be zero or more")
        }
        self.latitude = latitude
        self.longitude = longitude
        self.radiusKilometres = radiusKilometres
    }

    /// Parses "LAT,LON" for a circle of `radiusKilometres`.
    public init(parsing text: String, radiusKilometres: Double) throws(GeoError) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw GeoError("expected LAT,LON (two numbers), got \(parts.count) values") }
        guard let latitude = Double(parts[0].filter { $0 != " " }),
            let longitude = Double(parts[1].filter { $0 != " " })
        else { throw GeoError("\(text) is not two numbers LAT,LON") }
        try self.init(latitude: latitude, longitude: longitude, radiusKilometres: radiusKilometres)
    }

    /// Haversine distance in kilometres between two points.
    public static func distance(latitude1: Double, longitude1: Double, latitude2: Double, longitude2: Double) -> Double
    {
        let radians = Double.pi / 180
        let dLat = (latitude2 - latitude1) * radians
        let dLon = (longitude2 - longitude1) * radians
        let a =
            sin(dLat / 2) * sin(dLat / 2) + cos(latitude1 * radians) * cos(latitude2 * radians) * sin(dLon / 2)
            * sin(dLon / 2)
        return 2 * earthRadiusKilometres * asin(min(1, sqrt(a)))
    }

    /// True when the point is within the circle.
    public func contains(latitude: Double, longitude: Double) -> Bool {
        Self.distance(latitude1: self.latitude, longitude1: self.longitude, latitude2: latitude, longitude2: longitude)
            <= radiusKilometres
    }

    /// Boxes that together cover the circle (a small margin added against rounding).
    public var boundingRects: [GeoRect] {
        let angular = radiusKilometres / Self.earthRadiusKilometres  // radians
        let degrees = 180 / Double.pi
        let margin = 1e-9
        let dLat = angular * degrees + margin
        let south = latitude - dLat
        let north = latitude + dLat
        // A circle that reaches a pole contains every longitude near it.
        if north >= 90 || south <= -90 || angular >= Double.pi / 2 {
            return [
                GeoRect(
                    minLongitude: -180, maxLongitude: 180, minLatitude: max(-90, south), maxLatitude: min(90, north))
            ]
        }
        // The widest longitude span of a small circle (at the latitude where it is tangent to a meridian).
        let ratio = sin(angular) / cos(latitude / degrees)
        if ratio >= 1 {
            return [GeoRect(minLongitude: -180, maxLongitude: 180, minLatitude: south, maxLatitude: north)]
        }
        let dLon = asin(ratio) * degrees + margin
        let west = longitude - dLon
        let east = longitude + dLon
        if west < -180 {
            return [
                GeoRect(minLongitude: west + 360, maxLongitude: 180, minLatitude: south, maxLatitude: north),
                GeoRect(minLongitude: -180, maxLongitude: east, minLatitude: south, maxLatitude: north),
            ]
        }
        if east > 180 {
            return [
                GeoRect(minLongitude: west, maxLongitude: 180, minLatitude: south, maxLatitude: north),
                GeoRect(minLongitude: -180, maxLongitude: east - 360, minLatitude: south, maxLatitude: north),
            ]
        }
        return [GeoRect(minLongitude: west, maxLongitude: east, minLatitude: south, maxLatitude: north)]
    }
}
