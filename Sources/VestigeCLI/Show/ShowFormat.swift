public import ArgumentParser

/// How `vestige show` prints a record.
public enum ShowFormat: String, CaseIterable, Sendable, ExpressibleByArgument {
    /// Headers and payload for people.
    case text
    /// One JSON object, for scripts.
    case json
}
