// libFuzzer harness for both JSON parsers: the strict one of the index (JSONL import, JSON-LD)
// and the forgiving reader of the platform adapters. Any bytes give a value or an error, never a
// trap, deep recursion or an unbounded allocation. Built by scripts/fuzz.
import ArchiveIndex
@testable import PlatformAdapters

/// libFuzzer entry point: one input, in memory.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
    let bytes = [UInt8](UnsafeRawBufferPointer(start: data, count: size))
    let strict = try? ArchiveIndex.JSONParser.parse(bytes)
    let forgiving = JSONReader.read(bytes)
    // What the strict parser accepts, the forgiving reader reads as complete.
    if strict != nil && !forgiving.complete {
        fatalError("JSONParser accepted what JSONReader calls incomplete: \(bytes.prefix(200))")
    }
    return 0
}
