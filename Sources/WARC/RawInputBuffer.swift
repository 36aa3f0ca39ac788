/// A fixed-capacity buffer of bytes read from a file, without zero-filling or copy-on-write:
/// the reader's window onto the raw (possibly compressed) input.
final class RawInputBuffer {
    private let storage: UnsafeMutableRawBufferPointer
    /// Number of valid bytes, from index 0.
    private(set) var count = 0

    init(capacity: Int) {
        storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(capacity, 16), alignment: 16)
    }

    deinit {
        storage.deallocate()
    }

    var capacity: Int { storage.count }

    subscript(index: Int) -> UInt8 { storage[index] }

    /// The valid bytes in `range`; only good until the buffer next changes.
    func bytes(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: storage[range])
    }

    /// Drops the first `n` valid bytes, moving the rest to the front.
    func dropFirst(_ n: Int) {
        guard n > 0 else { return }
        guard n < count, let base = storage.baseAddress else {
            count = 0
            return
        }
        (base).copyMemory(from: base + n, byteCount: count - n)
        count -= n
    }

    func removeAll() {
        count = 0
    }

    /// Reads from `file` at `offset` into the free space; returns the number of bytes read
    /// (0 at the end of the file or when the buffer is full).
    func fill(from file: POSIXFile, at offset: Int64) throws(WARCError) -> Int {
        let free = UnsafeMutableRawBufferPointer(rebasing: storage[count...])
        guard free.count > 0 else { return 0 }
        let read = try file.read(into: free, count: free.count, at: offset)
        count += read
        return read
    }

    /// Index of the first occurrence of `pattern` at or after `start`, or nil.
    func firstIndex(of pattern: [UInt8], from start: Int) -> Int? {
        guard let first = pattern.first, count >= pattern.count else { return nil }
        var index = start
        let last = count - pattern.count
        while index <= last {
            if storage[index] == first {
                var matched = true
                for offset in 1..<pattern.count where storage[index + offset] != pattern[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }
}
