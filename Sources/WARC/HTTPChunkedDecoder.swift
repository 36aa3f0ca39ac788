/// Undoes `Transfer-Encoding: chunked` (RFC 9112, section 7.1) over a complete body in memory,
/// tolerating bare LF line ends and bodies cut short.
enum HTTPChunkedDecoder {
    /// The de-chunked data and how decoding ended.
    static func decode(_ body: ArraySlice<UInt8>) -> (payload: [UInt8], status: HTTPChunkedStatus) {
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        let start = body.startIndex
        let end = body.endIndex
        var index = start
        while true {
            guard index < end else { return (out, .truncated) }
            guard let lineEnd = body[index...].firstIndex(of: ASCII.lf) else { return (out, .truncated) }
            var line = body[index..<lineEnd]
            if line.last == ASCII.cr { line = line.dropLast() }
            if let semicolon = line.firstIndex(of: UInt8(ascii: ";")) { line = line[..<semicolon] }
            line = ASCII.trimmed(line)
            guard !line.isEmpty, line.count <= 16 else { return (Array(body), .malformed(bodyOffset: index - start)) }
            var size: UInt64 = 0
            for byte in line {
                guard let digit = ASCII.hexValue(byte) else {
                    return (Array(body), .malformed(bodyOffset: index - start))
                }
                size = size << 4 | UInt64(digit)
            }
            index = lineEnd + 1
            if size == 0 {
                return (out, .complete)
            }
            let available = UInt64(end - index)
            if available < size {
                out.append(contentsOf: body[index..<end])
                return (out, .truncated)
            }
            let chunkEnd = index + Int(size)
            out.append(contentsOf: body[index..<chunkEnd])
            index = chunkEnd
            guard index < end else { return (out, .truncated) }
            if body[index] == ASCII.lf {
                index += 1
            } else if body[index] == ASCII.cr {
                guard index + 1 < end else { return (out, .truncated) }
                guard body[index + 1] == ASCII.lf else { return (Array(body), .malformed(bodyOffset: index - start)) }
                index += 2
            } else {
                return (Array(body), .malformed(bodyOffset: index - start))
            }
        }
    }
}
