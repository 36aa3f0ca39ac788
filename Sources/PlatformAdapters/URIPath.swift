/// URI path operations of RFC 3986 shared by the adapters (`URLParts`) and the crawler
/// (`CrawlURL`), so the two agree on which URL a link names.
public enum URIPath {
    private static let dotSlash = Array("./".utf8)
    private static let dotDotSlash = Array("../".utf8)
    private static let slashDot = Array("/.".utf8)
    private static let slashDotSlash = Array("/./".utf8)
    private static let slashDotDot = Array("/..".utf8)
    private static let slashDotDotSlash = Array("/../".utf8)
    private static let dot = Array(".".utf8)
    private static let dotDot = Array("..".utf8)

    /// `path` with its `.` and `..` segments removed, by the steps of RFC 3986 §5.2.4
    /// (`/a/b/c/./../../g` → `/a/g`, `mid/content=5/../6` → `mid/6`): a path starting with `/`
    /// keeps it, and a `..` with no segment left to remove is dropped.
    public static func removingDotSegments(_ path: String) -> String {
        let slash = UInt8(ascii: "/")
        // Most paths have no dot at all. "." and "/" are ASCII, never inside a longer UTF-8
        // sequence, so the steps below may cut the bytes wherever they find them.
        guard path.utf8.contains(UInt8(ascii: ".")) else { return path }
        var input = Array(path.utf8)[...]
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        while !input.isEmpty {
            if input.starts(with: dotDotSlash) {
                input = input.dropFirst(3)  // A
            } else if input.starts(with: dotSlash) {
                input = input.dropFirst(2)  // A
            } else if input.starts(with: slashDotSlash) {
                input = input.dropFirst(2)  // B: "/./" becomes "/"
            } else if input.elementsEqual(slashDot) {
                input = input.dropLast()  // B: a final "/." becomes "/"
            } else if input.starts(with: slashDotDotSlash) || input.elementsEqual(slashDotDot) {
                // C: "/../" or a final "/.." becomes "/", and the output loses its last segment
                // with the "/" before it.
                input = input.starts(with: slashDotDotSlash) ? input.dropFirst(3) : input.dropLast(2)
                output.removeSubrange((output.lastIndex(of: slash) ?? output.startIndex)...)
            } else if input.elementsEqual(dot) || input.elementsEqual(dotDot) {
                input = input.dropFirst(input.count)  // D
            } else {
                // E: the first segment, with the "/" before it if any, moves to the output.
                let from = input.first == slash ? input.index(after: input.startIndex) : input.startIndex
                let end = input[from...].firstIndex(of: slash) ?? input.endIndex
                output.append(contentsOf: input[..<end])
                input = input[end...]
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
