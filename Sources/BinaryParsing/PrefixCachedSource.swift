/// A source whose first bytes are held in memory, so the many small header reads of a parser
/// cost no system calls; reads beyond the prefix go to the underlying source.
public struct PrefixCachedSource<Base: ByteSource>: ByteSource {
    /// The source behind the cache.
    public let base: Base
    /// The cached bytes, from offset 0.
    public let prefix: [UInt8]

    /// Reads the first `prefixLength` bytes of `base` once.
    public init(_ base: Base, prefixLength: Int = 1 << 16) throws(ByteSourceError) {
        self.base = base
        self.prefix = try base.read(at: 0, count: prefixLength)
    }

    public var size: Int { base.size }

    public func read(at offset: Int, count: Int) throws(ByteSourceError) -> [UInt8] {
        guard offset >= 0, count > 0 else { return [] }
        if offset < prefix.count, count <= prefix.count - offset {
            return Array(prefix[offset..<offset + count])
        }
        if offset < prefix.count, prefix.count == size {
            return Array(prefix[offset...])
        }
        return try base.read(at: offset, count: count)
    }
}
