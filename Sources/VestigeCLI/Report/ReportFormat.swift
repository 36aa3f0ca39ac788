public import ArgumentParser

/// How `vestige report` prints.
public enum ReportFormat: String, CaseIterable, Sendable, ExpressibleByArgument {
    /// Readable tables.
    case table
    /// One JSON object.
    case json
}
