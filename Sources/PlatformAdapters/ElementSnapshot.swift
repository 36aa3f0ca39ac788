/// What selectors look at in one element: its name and the attributes they test.
struct ElementSnapshot: Sendable {
    /// Lower-case element name.
    let name: String
    /// The attributes selectors mention (always `id` and `class`), those present only.
    let attributes: [String: String]

    /// The element's class names.
    var classes: [Substring] {
        attributes["class"]?.split(whereSeparator: { $0.isWhitespace }) ?? []
    }
}
