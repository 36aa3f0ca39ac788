/// A closed longitude/latitude box, as in RFC 7946: when `minLongitude > maxLongitude` the box
/// crosses the antimeridian (it runs east from `minLongitude` past 180 to `maxLongitude`).
public struct GeoBox: Sendable, Hashable {
    /// Western edge, degrees.
    public let minLongitude: Double
    /// Southern edge, degrees.
    public let minLatitude: Double
    /// Eastern edge, degrees.
    public let maxLongitude: Double
    /// Northern edge, degrees.
    public let maxLatitude: Double

    /// A box; throws (with the reason) when a value is out of range or the south edge lies north of the north edge.
    public init(minLongitude: Double, minLatitude: Double, maxLongitude: Double, maxLatitude: Double) throws(GeoError) {
        for (name, value, limit) in [
            ("MINLON", minLongitude, 180.0), ("MAXLON", maxLongitude, 180), ("MINLAT", minLatitude, 90),
            ("MAXLAT", maxLatitude, 90),
        ] {
            guard value.isFinite, abs(value) <= limit else {
                throw GeoError("\(name) \(value) is outside -\(Int(limit))…\(Int(limit))")
            }
        }
        guard minLatitude <= maxLatitude else {
            throw GeoError("MINLAT \(minLatitude) is north of MAXLAT \(maxLatitude)")
        }
        self.minLongitude = minLongitude
        self.minLatitude = minLatitude
        self.maxLongitude = maxLongitude
        self.maxLatitude = maxLatitude
    }

    /// Parses "MINLON,MINLAT,MAXLON,MAXLAT".
    public init(parsing text: String) throws(GeoError) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 4 else {
            throw GeoError("expected 4 numbers MINLON,MINLAT,MAXLON,MAXLAT, got \(parts.count)")
        }
        var values: [Double] = []
        for part in parts {
            let trimmed = part.filter { $0 != " " }
            guard let value = Double(trimmed), value.isFinite else { throw GeoError("\(part) is not a number") }
            values.append(value)
        }
        try self.init(minLongitude: values[0], minLatitude: values[1], maxLongitude: values[2], maxLatitude: values[3])
    }

    /// True when the box crosses the antimeridian.
    public var crossesAntimeridian: Bool { minLongitude > maxLongitude }

    /// The box as one or two boxes that do not cross the antimeridian (for the R*Tree and SQL).
    public var parts: [GeoRect] {
        if crossesAntimeridian {
            return [
                GeoRect(
                    minLongitude: minLongitude, maxLongitude: 180, minLatitude: minLatitude, maxLatitude: maxLatitude),
                GeoRect(
                    minLongitude: -180, maxLongitude: maxLongitude, minLatitude: minLatitude, maxLatitude: maxLatitude),
            ]
        }
        return [
            GeoRect(
                minLongitude: minLongitude, maxLongitude: maxLongitude, minLatitude: minLatitude,
                maxLatitude: maxLatitude)
        ]
    }

    /// True when the point lies in the closed box.
    public func contains(latitude: Double, longitude: Double) -> Bool {
        parts.contains { $0.contains(latitude: latitude, longitude: longitude) }
    }
}
