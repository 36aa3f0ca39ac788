import CZlib

/// Undoes an HTTP `Content-Encoding` of gzip or deflate (zlib or raw), for reading an archived
/// payload (links, media headers); the WARC keeps the bytes as received.
public enum HTTPContentDecoder {
    /// The decoded bytes, at most `limit` of them; nil for an unknown encoding or corrupt data.
    /// "identity" and an absent encoding return the payload unchanged.
    public static func decode(_ payload: some Collection<UInt8>, contentEncoding: String?, limit: Int = 64 << 20)
        -> [UInt8]?
    {
        let encoding = (contentEncoding ?? "").lowercased().trimmingSpaces()
        switch encoding {
        case "", "identity": return Array(payload.prefix(limit))
        case "gzip", "x-gzip": return inflate(Array(payload), windowBits: 15 + 16, limit: limit)
        case "deflate":
            // Servers send either zlib-wrapped (as the RFC says) or raw deflate.
            return inflate(Array(payload), windowBits: 15 + 32, limit: limit)
                ?? inflate(Array(payload), windowBits: -15, limit: limit)
        default: return nil
        }
    }

    static func inflate(_ input: [UInt8], windowBits: Int32, limit: Int) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit2_(&stream, windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return nil
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        return input.withUnsafeBufferPointer { source -> [UInt8]? in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = uInt(source.count)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { buffer -> (Int32, Int) in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return (status, buffer.count - Int(stream.avail_out))
                }
                output += chunk[0..<min(produced, max(0, limit - output.count))]
                switch status {
                case Z_STREAM_END: return output
                case Z_OK where output.count < limit: continue
                case Z_OK: return output  // capped
                case Z_BUF_ERROR: return output.isEmpty ? nil : output  // input ended early: keep what there is
                default: return nil
                }
            }
        }
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
