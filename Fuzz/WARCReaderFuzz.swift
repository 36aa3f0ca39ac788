// libFuzzer harness for the WARC reader: the input is written as a WARC file (plain or, when it
// starts with the gzip or zstd magic, gzip members or zstd frames, a dictionary frame first) and
// read the way `vestige verify` and `import` read archives — records, HTTP response blocks,
// chunked bodies, content decoding, digests. Every input must end as records or reported
// problems: never a trap, a hang or an unbounded allocation.
// Built by scripts/fuzz (not by SwiftPM).
import WARC

#if canImport(Glibc)
    import Glibc
#endif

/// One file per process, rewritten for every input (in memory when /dev/shm exists).
nonisolated(unsafe) private var inputPath: String = {
    let folder = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
    return "\(folder)/vestige-fuzz-warc-\(getpid())"
}()

/// libFuzzer entry point: one input, in memory.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
    let path = inputPath
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { return 0 }
    _ = write(fd, data, size)
    close(fd)
    defer { unlink(path) }
    // Small caps so that a crafted length or a gzip bomb shows up as a reported problem quickly.
    let options = WARCReaderOptions(
        maxBlockSize: 1 << 20, maxHeaderSize: 64 << 10, maxInflatedMemberSize: 4 << 20, chunkSize: 4096)
    _ = WARCVerifier.verify(path: path)
    guard let reader = try? WARCReader(path: path, options: options) else { return 0 }
    var records = 0
    while records < 1000 {
        let entry: WARCEntry?
        do {
            entry = try reader.next()
        } catch {
            records += 1
            continue
        }
        guard let entry else { break }
        records += 1
        guard let block = HTTPResponseBlock(parsing: entry.record.block) else { continue }
        _ = block.payloadDigest()
        _ = HTTPContentDecoder.decode(
            block.payload, contentEncoding: block.headers["Content-Encoding"], limit: 1 << 20)
    }
    return 0
}
