import CLibXML2

/// An HTML page parsed with libxml2's forgiving HTML parser, walked without recursion.
///
/// Only this type touches libxml2; the rest of vestige sees Swift values.
public struct HTMLDocument: ~Copyable {
    /// Largest input parsed; longer pages are cut (their links past the cut are not seen).
    public static let maxInputBytes = 64 << 20
    /// Most elements visited in one page.
    public static let maxElements = 2_000_000

    let document: OpaquePointer  // internal: HTMLText.swift walks text nodes

    /// Why libxml2 cannot be used (not installed, too old); nil when it is ready.
    /// Commands that parse HTML check this first, so a missing library is one clear error.
    public static var parserProblem: String? {
        vestige_libxml2_load().map { String(cString: $0) }
    }

    /// Parses `bytes`; nil when libxml2 cannot build any tree (or is missing: see `parserProblem`).
    /// A page whose declared charset does not fit its bytes is parsed again as ISO-8859-1
    /// (see vestige_html_parse), so its links past the first unconvertible byte are not lost.
    public init?(_ bytes: some Collection<UInt8>, url: String? = nil) {
        let input = Array(bytes.prefix(Self.maxInputBytes))
        let parsed = input.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    vestige_html_parse($0, Int32(buffer.count), url)
                }
            }
        }
        guard let parsed else { return nil }
        document = parsed
    }

    deinit { vestige_html_free_document(document) }

    /// The root element, where every walk starts.
    var root: Node? { vestige_html_root(document).map(Node.init) }

    /// One element as the walk sees it.
    public struct Element {
        let node: Node

        /// Lower-case element name.
        public var name: String { node.name }

        /// The attribute's value, if present.
        public func attribute(_ name: String) -> String? {
            guard let value = vestige_html_attribute(node.pointer, name) else { return nil }
            defer { vestige_html_free_string(value) }
            return String(cString: value)
        }

        /// The element's text content (all descendant text).
        public var text: String {
            guard let content = vestige_html_text(node.pointer) else { return "" }
            defer { vestige_html_free_string(content) }
            return String(cString: content)
        }
    }

    /// A node of the parsed tree; valid while its document lives.
    struct Node {
        let pointer: OpaquePointer

        var kind: vestige_html_node_kind { vestige_html_kind(pointer) }

        /// Lower-case element name ("" for none).
        var name: String { vestige_html_name(pointer).map { String(cString: $0).lowercased() } ?? "" }

        /// A text node's own text.
        var ownText: String? { vestige_html_own_text(pointer).map { String(cString: $0) } }

        /// The children in document order.
        var children: [Node] {
            var nodes: [Node] = []
            var child = vestige_html_first_child(pointer)
            while let current = child {
                nodes.append(Node(pointer: current))
                child = vestige_html_next_sibling(current)
            }
            return nodes
        }
    }

    /// Calls `visit` for every element in document order (at most `maxElements`).
    public func forEachElement(_ visit: (Element) -> Void) {
        forEachPathElement { visit($0.element) }
    }

    /// Calls `visit`, in document order, for the elements named in `names` (lower-case) and for
    /// every element carrying `attribute`; the others are passed over without making any Swift
    /// value (a link walk looks at a few elements of many). At most `maxElements` are walked.
    public func forEachElement(named names: Set<String>, orWith attribute: String? = nil, _ visit: (Element) -> Void) {
        guard let root = vestige_html_root(document) else { return }
        let keys = Set(names.compactMap(Self.nameKey))
        let longNames = names.filter { Self.nameKey($0) == nil }
        var node: OpaquePointer? = root
        var walked = 0
        while let current = node, walked < Self.maxElements {
            walked += 1
            let key = vestige_html_name_key(current)
            let named =
                key != 0 ? keys.contains(key) : !longNames.isEmpty && longNames.contains(Node(pointer: current).name)
            if named || attribute.map({ vestige_html_has_attribute(current, $0) != 0 }) == true {
                visit(Element(node: Node(pointer: current)))
            }
            node = vestige_html_next_element(current, root)
        }
    }

    /// `name` packed as vestige_html_name_key packs element names; nil when longer than 8 bytes.
    static func nameKey(_ name: String) -> UInt64? {
        let bytes = Array(name.lowercased().utf8)
        guard (1...8).contains(bytes.count) else { return nil }
        return bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }
}
