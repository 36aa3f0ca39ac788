public import ArgumentParser

/// How `vestige search` prints its hits.
public enum SearchOutputFormat: String, CaseIterable, Sendable, ExpressibleByArgument {
    /// Readable blocks, one per hit.
    case table
    /// One JSON array of hit objects.
    case json
    /// One JSON object per line.
    case jsonl
    /// RFC 4180 CSV with a header row.
    case csv
    /// A GeoJSON FeatureCollection of the hits that have a position.
    case geojson
}
