/// Small helpers shared by the search and import commands.
enum SearchCommandSupport {
    /// `DIR/archive.sqlite`.
    static func databasePath(_ archive: String) -> String {
        archive.hasSuffix("/") ? archive + "archive.sqlite" : archive + "/archive.sqlite"
    }

    /// A handle without its leading `@`.
    static func handle(_ text: String) -> String {
        text.hasPrefix("@") ? String(text.dropFirst()) : text
    }
}
