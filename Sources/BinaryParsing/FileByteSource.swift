#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A read-only file read with `pread`, so parsers seek past media data instead of loading it.
public final class FileByteSource: ByteSource {
    /// The file's path as given.
    public let path: String
    public let size: Int
    private let descriptor: Int32

    /// Opens `path` for reading; throws with the path and the system's reason when it cannot.
    public init(path: String) throws(ByteSourceError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ByteSourceError(Self.reason(errno)) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw ByteSourceError(Self.reason(code))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw ByteSourceError("is a directory")
        }
        descriptor = fd
        size = Int(info.st_size)
    }

    deinit { close(descriptor) }

    public func read(at offset: Int, count: Int) throws(ByteSourceError) -> [UInt8] {
        guard offset >= 0, count > 0, offset < size else { return [] }
        let wanted = min(count, size - offset)
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, initialized in
            initialized = 0
            guard let base = buffer.baseAddress else { return }
            var done = 0
            while done < wanted {
                let n = pread(descriptor, base + done, wanted - done, off_t(offset + done))
                if n > 0 {
                    done += n
                } else if n == 0 {
                    break
                } else if errno != EINTR {
                    failure = errno
                    break
                }
            }
            initialized = done
        }
        if failure != 0 { throw ByteSourceError("read failed at offset \(offset): \(Self.reason(failure))") }
        return bytes
    }

    private static func reason(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
