import CLibXML2

/// An HTML page parsed with libxml2's forgiving HTML parser, walked without recursion.
///
/// Only this type touches libxml2; the rest of vestige sees Swift values.
public struct HTMLDocument: ~Copyable {
    /// Largest input parsed; longer pages are cut (their links past the cut are not seen).
    public static let maxInputBytes = 64 << 20
    /// Most elements visited in one page.
    public static let maxElements = 2_000_000

    let document: htmlDocPtr  // internal: HTMLText.swift walks text nodes

    /// Parses `bytes`; nil only when libxml2 cannot build any tree.
    ///
    /// A page whose declared charset does not fit its bytes (a `<meta charset="shift_jis">` on a
    /// Latin-1 page) makes libxml2 stop at the first byte it cannot convert, losing the rest of
    /// the page with its links; such a page is parsed again as ISO-8859-1, which accepts every
    /// byte and keeps all markup. (Invalid UTF-8 needs no second pass: libxml2 itself carries on.)
    public init?(_ bytes: some Collection<UInt8>, url: String? = nil) {
        xmlInitParser()
        let input = Array(bytes.prefix(Self.maxInputBytes))
        guard let first = Self.parse(input, url: url, encoding: nil) else { return nil }
        guard first.conversionFailed, let second = Self.parse(input, url: url, encoding: "ISO-8859-1") else {
            document = first.document
            return
        }
        xmlFreeDoc(first.document)
        document = second.document
    }

    /// One libxml2 parse; `conversionFailed` when the input could not be converted from the
    /// document's declared (non-UTF-8) charset. (libxml2 keeps its last error per thread.)
    private static func parse(_ input: [UInt8], url: String?, encoding: String?) -> (
        document: htmlDocPtr, conversionFailed: Bool
    )? {
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
        xmlResetLastError()
        let parsed = input.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    htmlReadMemory($0, Int32(buffer.count), url, encoding, options)
                }
            }
        }
        guard let parsed else { return nil }
        let code = xmlGetLastError()?.pointee.code ?? 0
        let conversionCodes = [
            XML_IO_ENCODER.rawValue, XML_ERR_INVALID_ENCODING.rawValue, XML_I18N_CONV_FAILED.rawValue,
        ]
        let declared = parsed.pointee.encoding.map { String(cString: $0).lowercased() } ?? "utf-8"
        let failed = conversionCodes.contains(UInt32(code)) && declared != "utf-8" && declared != "utf8"
        return (parsed, failed)
    }

    deinit { xmlFreeDoc(document) }

    /// One element as the walk sees it.
    public struct Element {
        let node: xmlNodePtr

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

    /// Calls `visit` for every element in document order (at most `maxElements`).
    public func forEachElement(_ visit: (Element) -> Void) {
        forEachPathElement { visit($0.element) }
    }
}
