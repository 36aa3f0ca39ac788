/// One step of a selector: `tag`, `.class`, `#id`, `[attr]`, `[attr=value]`, `[attr~=word]`
/// or a combination such as `article.post[data-kind=note]`.
struct CSSCompound: Sendable, Equatable {
    /// An attribute test.
    struct AttributeTest: Sendable, Equatable {
        /// Lower-case attribute name.
        var name: String
        /// The wanted value; nil tests presence only.
        var value: String?
        /// `~=`: the value is one of the attribute's space-separated words.
        var word = false
    }

    /// Lower-case element name; nil for any (`*` or none given).
    var tag: String?
    var id: String?
    var classes: [String] = []
    var attributes: [AttributeTest] = []

    /// Whether `element` passes every test.
    func matches(_ element: ElementSnapshot) -> Bool {
        if let tag, element.name != tag { return false }
        if let id, element.attributes["id"] != id { return false }
        if !classes.isEmpty {
            let present = element.classes
            guard classes.allSatisfy({ wanted in present.contains { $0 == wanted } }) else { return false }
        }
        for test in attributes {
            guard let actual = element.attributes[test.name] else { return false }
            guard let value = test.value else { continue }
            if test.word {
                guard actual.split(whereSeparator: { $0.isWhitespace }).contains(where: { $0 == value }) else {
                    return false
                }
            } else if actual != value {
                return false
            }
        }
        return true
    }
}
