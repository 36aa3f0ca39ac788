/// One piece of XML text, as `XMLScanner` reads it.
enum XMLToken: Equatable {
    /// `<name a="1">` or `<name/>`; the name lower-cased with its prefix (`dc:creator`).
    case start(name: String, attributes: [String: String], selfClosing: Bool)
    /// `</name>`.
    case end(name: String)
    /// Character data, entities decoded (CDATA sections as written).
    case text(String)
}
