/// One RSS `<item>` or Atom `<entry>` as scanned: the text under each element path and the
/// attributes of each element, before they are read as a post.
struct FeedEntry {
    /// Deepest element path kept inside an entry (`author/name` is 2).
    static let maxPathDepth = 8
    /// Most bytes of text kept per path.
    static let maxTextBytes = 4 << 20

    /// Text under each path relative to the entry, including all descendants' text.
    private(set) var texts: [String: String] = [:]
    /// Every element in the entry with its attributes, in document order.
    private(set) var elements: [(path: String, attributes: [String: String])] = []

    /// Appends `text` under `path` and each of its ancestor paths.
    mutating func append(_ text: String, path: [String]) {
        guard !path.isEmpty else { return }
        for length in 1...min(path.count, Self.maxPathDepth) {
            let key = path.prefix(length).joined(separator: "/")
            let current = texts[key, default: ""]
            if current.utf8.count < Self.maxTextBytes { texts[key] = current + text }
        }
    }

    /// Records an element's attributes.
    mutating func add(element path: [String], attributes: [String: String]) {
        guard path.count <= Self.maxPathDepth, elements.count < 10_000 else { return }
        elements.append((path.joined(separator: "/"), attributes))
    }

    /// The trimmed text of the first of `paths` that is not blank.
    func text(_ paths: String...) -> String? {
        for path in paths {
            if let value = texts[path]?.trimmingBlanks(), !value.isEmpty { return value }
        }
        return nil
    }

    /// Whether the entry has an element at `path` (even an empty one).
    func contains(_ path: String) -> Bool {
        elements.contains { $0.path == path }
    }

    /// The attributes of each element at `path`.
    func attributes(_ path: String) -> [[String: String]] {
        elements.filter { $0.path == path }.map(\.attributes)
    }
}
