#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file line by line in large chunks with bounded memory (a line longer than
/// `maxLineLength` is returned cut, flagged `tooLong`).
final class LineReader {
    /// Longest line kept whole.
    static let maxLineLength = 16 << 20

    /// One line without its line break (CR LF or LF).
    struct Line {
        /// 1-based line number.
        var number: Int
        /// The bytes.
        var bytes: [UInt8]
        /// True when the line was longer than `maxLineLength` and was cut.
        var tooLong: Bool
    }

    let path: String
    private let descriptor: Int32
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEOF = false
    private var lineNumber = 0
    /// Bytes consumed so far (for progress).
    private(set) var bytesRead: Int64 = 0

    /// Opens `path`; throws a readable message when it cannot be opened.
    init(path: String) throws(ImportProblem) {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw ImportProblem(file: path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        descriptor = fd
        buffer = [UInt8](repeating: 0, count: 1 << 20)
    }

    deinit { close(descriptor) }

    /// The next line, or nil at the end of the file.
    func next() throws(ImportProblem) -> Line? {
        var long: [UInt8]? = nil
        var tooLong = false
        while true {
            if let newline = buffer[start..<end].firstIndex(of: 0x0A) {
                var lineEnd = newline
                let consumed = newline + 1 - start
                bytesRead += Int64(consumed)
                var bytes: [UInt8]
                if var partial = long {
                    if !tooLong { partial += buffer[start..<lineEnd] }
                    bytes = partial
                } else {
                    if lineEnd > start, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                    bytes = Array(buffer[start..<lineEnd])
                }
                if bytes.last == 0x0D { bytes.removeLast() }
                start = newline + 1
                lineNumber += 1
                return Line(number: lineNumber, bytes: bytes, tooLong: tooLong)
            }
            if atEOF {
                guard start < end || long != nil else { return nil }
                var bytes = (long ?? []) + (tooLong ? [] : Array(buffer[start..<end]))
                bytesRead += Int64(end - start)
                start = end
                if bytes.last == 0x0D { bytes.removeLast() }
                lineNumber += 1
                return Line(number: lineNumber, bytes: bytes, tooLong: tooLong)
            }
            // Keep the partial line: move it to the front, or set it aside when the buffer is full.
            if start == 0 && end == buffer.count {
                if long == nil { long = [] }
                if !tooLong { long? += buffer[0..<end] }
                if (long?.count ?? 0) > Self.maxLineLength { tooLong = true }
                bytesRead += Int64(end)
                start = 0
                end = 0
            } else if start > 0 {
                buffer.withUnsafeMutableBufferPointer { pointer in
                    guard let base = pointer.baseAddress else { return }
                    memmove(base, base + start, end - start)
                }
                end -= start
                start = 0
            }
            let count = buffer.withUnsafeMutableBufferPointer { pointer in
                read(descriptor, pointer.baseAddress.map { $0 + end }, pointer.count - end)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw ImportProblem(
                    file: path, line: lineNumber + 1, message: "read failed: \(String(cString: strerror(errno)))")
            }
            if count == 0 { atEOF = true } else { end += count }
        }
    }
}
