import GRDB

/// SQL conditions with their bound arguments, built from a `SearchRequest` for one table alias.
///
/// User values only ever reach SQLite as bound arguments.
struct SQLFilter {
    private(set) var conditions: [String] = []
    private(set) var arguments: [(any DatabaseValueConvertible)?] = []

    var isEmpty: Bool { conditions.isEmpty }

    /// "WHERE a AND b" or "".
    var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }
    /// "AND a AND b" or "".
    var andClause: String { conditions.isEmpty ? "" : "AND " + conditions.joined(separator: " AND ") }

    mutating func add(_ sql: String, _ values: [(any DatabaseValueConvertible)?] = []) {
        conditions.append(sql)
        arguments += values
    }

    /// `column` at or after `bound` (UTC text columns as written by `Timestamp.utcText`).
    mutating func since(_ column: String, _ bound: Timestamp) {
        let seconds = bound.utcSecondsText
        if bound.fraction.isEmpty {
            add("\(column) >= ?", [seconds])
        } else {
            // Within the bound's second, "…SSZ" (no fraction) is earlier and "…SS.fZ" compares by digits.
            add(
                "(\(column) >= ? AND NOT (\(column) = ? OR (substr(\(column), 1, 20) = ? AND \(column) < ?)))",
                [seconds, seconds + "Z", seconds + ".", seconds + "." + bound.fraction])
        }
    }

    /// `column` before `bound`.
    mutating func until(_ column: String, _ bound: Timestamp) {
        let seconds = bound.utcSecondsText
        if bound.fraction.isEmpty {
            add("\(column) < ?", [seconds])
        } else {
            add(
                "(\(column) < ? OR \(column) = ? OR (substr(\(column), 1, 20) = ? AND \(column) < ?))",
                [seconds, seconds + "Z", seconds + ".", seconds + "." + bound.fraction])
        }
    }

    /// Rows whose position passes the request's place filters: an R*Tree prefilter on `geoTable`,
    /// then an exact check against the stored doubles.
    mutating func place(_ request: SearchRequest, alias: String, idColumn: String, geoTable: String) {
        guard request.hasPlaceFilter else { return }
        add("\(alias).latitude IS NOT NULL AND \(alias).longitude IS NOT NULL")
        if !request.includeNullIsland { add("\(alias).null_island = 0") }
        var rects: [GeoRect] = []
        if let bbox = request.bbox { rects = bbox.parts }
        if let near = request.near {
            // Both filters apply; the R*Tree prefilter uses the circle's boxes, the smaller set.
            rects = near.boundingRects
        }
        if !rects.isEmpty {
            let boxes = rects.map { _ in "(max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?)" }
            add(
                "\(alias).\(idColumn) IN (SELECT id FROM \(geoTable) WHERE \(boxes.joined(separator: " OR ")))",
                rects.flatMap { [$0.minLongitude, $0.maxLongitude, $0.minLatitude, $0.maxLatitude] })
        }
        if let bbox = request.bbox {
            let parts = bbox.parts.map { _ in "(\(alias).longitude BETWEEN ? AND ?)" }
            add(
                "\(alias).latitude BETWEEN ? AND ? AND (\(parts.joined(separator: " OR ")))",
                [bbox.minLatitude, bbox.maxLatitude] + bbox.parts.flatMap { [$0.minLongitude, $0.maxLongitude] })
        }
        if let near = request.near {
            add(
                "\(Self.distanceSQL(alias: alias)) <= ?",
                [near.latitude, near.latitude, near.longitude, near.radiusKilometres])
        }
    }

    /// Haversine distance in km from (?, ?) — latitude twice, then longitude — to the row's position.
    static func distanceSQL(alias: String) -> String {
        "(\(2 * GeoCircle.earthRadiusKilometres) * asin(min(1, sqrt("
            + "pow(sin(radians(\(alias).latitude - ?) / 2), 2) + cos(radians(?)) * cos(radians(\(alias).latitude))"
            + " * pow(sin(radians(\(alias).longitude - ?) / 2), 2)))))"
    }

    /// The arguments as GRDB statement arguments, after `leading` and before `trailing`.
    func statementArguments(
        leading: [(any DatabaseValueConvertible)?] = [], trailing: [(any DatabaseValueConvertible)?] = []
    ) -> StatementArguments {
        StatementArguments(leading + arguments + trailing)
    }
}
