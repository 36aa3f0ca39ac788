// libFuzzer harness for the media parsers: every input must come back as metadata or as a thrown
// error, never as a trap, a hang or an unbounded allocation. Built by scripts/fuzz (not by SwiftPM:
// an executable target would want a `main`, libFuzzer brings its own).
import BinaryParsing
import MediaMetadata

/// libFuzzer entry point: one input, in memory.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
    let bytes = [UInt8](UnsafeRawBufferPointer(start: data, count: size))
    _ = try? MetadataExtractor.extract(from: MemoryByteSource(bytes))
    return 0
}
