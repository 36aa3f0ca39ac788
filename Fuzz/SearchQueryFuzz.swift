// libFuzzer harness for the search query parser: any text is a query or a SearchQueryError with
// a position inside the text, and a parsed query renders to an FTS5 MATCH expression.
// Built by scripts/fuzz.
import ArchiveIndex

/// libFuzzer entry point: one input, in memory.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let query = try SearchQueryParser.parse(text)
        _ = query.ftsMatch
        _ = query.description
    } catch {
        _ = error.description
    }
    return 0
}
