import CLibXML2

/// The element tree with its parent links, for XPath- and CSS-like location paths
/// (descendant steps need each element's ancestors, which `forEachElement` does not give).
extension HTMLDocument {
    /// One element as the path walk sees it: its content and its place in the tree.
    public struct PathElement {
        fileprivate let node: xmlNodePtr
        /// Position in document order, counting from 0 at the root element.
        public let index: Int
        /// The parent element's `index`; nil for the root element.
        public let parentIndex: Int?
        /// Steps below the root element (0 for the root itself).
        public let depth: Int

        /// Lower-case element name.
        public var name: String {
            guard let name = node.pointee.name else { return "" }
            return String(cString: name).lowercased()
        }

        /// The attribute's value, if present.
        public func attribute(_ name: String) -> String? {
            guard let value = xmlGetProp(node, name) else { return nil }
            defer { vestige_xml_free(value) }
            return String(cString: value)
        }

        /// The element's text content (all descendant text).
        public var text: String {
            guard let content = xmlNodeGetContent(node) else { return "" }
            defer { vestige_xml_free(content) }
            return String(cString: content)
        }
    }

    /// Calls `visit` for every element in document order (the order of `forEachElement`), with
    /// its depth and parent, without recursion. At most `maxElements` elements.
    public func forEachPathElement(_ visit: (PathElement) -> Void) {
        guard let root = xmlDocGetRootElement(document) else { return }
        // (node, depth, parent index)
        var stack: [(xmlNodePtr, Int, Int?)] = [(root, 0, nil)]
        var visited = 0
        while let (node, depth, parent) = stack.popLast(), visited < Self.maxElements {
            let index = visited
            visited += 1
            visit(PathElement(node: node, index: index, parentIndex: parent, depth: depth))
            var children: [xmlNodePtr] = []
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE { children.append(current) }
                child = current.pointee.next
            }
            for child in children.reversed() { stack.append((child, depth + 1, index)) }
        }
    }
}
