import CLibXML2

/// The element tree with its parent links, for XPath- and CSS-like location paths
/// (descendant steps need each element's ancestors, which `forEachElement` does not give).
extension HTMLDocument {
    /// One element as the path walk sees it: its content and its place in the tree.
    public struct PathElement {
        /// The element itself (name, attributes, text).
        public let element: Element
        /// Position in document order, counting from 0 at the root element.
        public let index: Int
        /// The parent element's `index`; nil for the root element.
        public let parentIndex: Int?
        /// Steps below the root element (0 for the root itself).
        public let depth: Int

        /// Lower-case element name.
        public var name: String { element.name }

        /// The attribute's value, if present.
        public func attribute(_ name: String) -> String? { element.attribute(name) }

        /// The element's text content (all descendant text).
        public var text: String { element.text }
    }

    /// Calls `visit` for every element in document order, with
    /// its depth and parent, without recursion. At most `maxElements` elements.
    public func forEachPathElement(_ visit: (PathElement) -> Void) {
        guard let root else { return }
        // (node, depth, parent index)
        var stack: [(Node, Int, Int?)] = [(root, 0, nil)]
        var visited = 0
        while let (node, depth, parent) = stack.popLast(), visited < Self.maxElements {
            let index = visited
            visited += 1
            visit(PathElement(element: Element(node: node), index: index, parentIndex: parent, depth: depth))
            for child in node.children.reversed() where child.kind == VESTIGE_HTML_ELEMENT {
                stack.append((child, depth + 1, index))
            }
        }
    }
}
