public import ArgumentParser

/// What `vestige export` writes.
public enum ExportFormat: String, CaseIterable, Sendable, ExpressibleByArgument {
    /// A WACZ 1.1.1 package (WARC files, CDXJ index, pages list, datapackage.json).
    case wacz
    /// A sorted CDXJ index of the WARC records.
    case cdxj
    /// A GeoJSON FeatureCollection (RFC 7946) of the hits with a position.
    case geojson
    /// KML 2.2 Placemarks of the hits with a position.
    case kml
    /// RFC 4180 CSV, one row per hit.
    case csv
    /// One JSON object per hit and line.
    case jsonl
}
