#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one place where this module calls the POSIX file API: every C return code becomes a
/// `WARCError` naming the path, and short writes and EINTR are retried here.
struct POSIXFile {
    let path: String
    private(set) var descriptor: Int32

    /// Opens `path` for reading.
    static func openForReading(_ path: String) throws(WARCError) -> POSIXFile {
        let fd = retryingEINTR { open(path, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { throw error(path, "open", errno) }
        return POSIXFile(path: path, descriptor: fd)
    }

    /// Creates `path`, which must not exist yet, for appending (`append` false: for writes that
    /// also patch earlier bytes with `writeAll(_:at:)`, which O_APPEND would send to the end).
    static func createNew(_ path: String, permissions: mode_t = 0o644, append: Bool = true) throws(WARCError)
        -> POSIXFile
    {
        let flags = O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | (append ? O_APPEND : 0)
        let fd = retryingEINTR { open(path, flags, permissions) }
        guard fd >= 0 else {
            let code = errno
            if code == EEXIST { throw .fileExists(path: path) }
            throw error(path, "create", code)
        }
        return POSIXFile(path: path, descriptor: fd)
    }

    /// Cuts the file back to `length` bytes (after a failed write, to drop a partial record).
    func truncate(to length: Int64) throws(WARCError) {
        let result = Self.retryingEINTR { ftruncate(descriptor, off_t(length)) }
        guard result == 0 else { throw Self.error(path, "truncate", errno) }
    }

    /// Writes all of `bytes`, retrying after short writes and interruptions.
    func writeAll(_ bytes: UnsafeRawBufferPointer) throws(WARCError) {
        var offset = 0
        while offset < bytes.count {
            guard let base = bytes.baseAddress else { return }
            let result = write(descriptor, base + offset, bytes.count - offset)
            if result < 0 {
                let code = errno
                if code == EINTR || code == EAGAIN { continue }
                throw Self.error(path, "write", code)
            }
            if result == 0 { throw WARCError.io(path: path, operation: "write", reason: "wrote 0 bytes") }
            offset += result
        }
    }

    /// Writes all of `bytes`.
    func writeAll(_ bytes: [UInt8]) throws(WARCError) {
        var failure: WARCError?
        bytes.withUnsafeBytes { buffer in
            do throws(WARCError) {
                try writeAll(buffer)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    /// Writes all of `bytes` at `offset` (pwrite), leaving the file position alone; for patching
    /// a header once the data after it is known.
    func writeAll(_ bytes: [UInt8], at offset: Int64) throws(WARCError) {
        var done = 0
        while done < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                raw.baseAddress.map { pwrite(descriptor, $0 + done, raw.count - done, off_t(offset) + off_t(done)) }
                    ?? -1
            }
            if result < 0 {
                let code = errno
                if code == EINTR || code == EAGAIN { continue }
                throw Self.error(path, "write", code)
            }
            if result == 0 { throw WARCError.io(path: path, operation: "write", reason: "wrote 0 bytes") }
            done += result
        }
    }

    /// Reads up to `count` bytes at `offset` into `buffer` (from its start); returns the number
    /// read, 0 at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer, count: Int, at offset: Int64) throws(WARCError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        while true {
            let result = pread(descriptor, base, min(count, buffer.count), off_t(offset))
            if result < 0 {
                let code = errno
                if code == EINTR || code == EAGAIN { continue }
                throw Self.error(path, "read", code)
            }
            return result
        }
    }

    /// Flushes the file's data and metadata to the device.
    func sync() throws(WARCError) {
        while fsync(descriptor) != 0 {
            let code = errno
            if code == EINTR { continue }
            throw Self.error(path, "fsync", code)
        }
    }

    /// The current size of the file in bytes.
    func size() throws(WARCError) -> Int64 {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Self.error(path, "stat", errno) }
        return Int64(info.st_size)
    }

    /// Closes the descriptor; later calls do nothing.
    mutating func close() throws(WARCError) {
        guard descriptor >= 0 else { return }
        let fd = descriptor
        descriptor = -1
        #if canImport(Glibc)
            let result = Glibc.close(fd)
        #else
            let result = Darwin.close(fd)
        #endif
        // EINTR on close leaves the descriptor closed on Linux: retrying could close another file.
        if result != 0, errno != EINTR { throw Self.error(path, "close", errno) }
    }

    /// Creates directory `path` (and missing parents); an existing directory is fine.
    static func makeDirectories(_ path: String) throws(WARCError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component + "/"
            if mkdir(prefix, 0o755) != 0 {
                let code = errno
                if code == EEXIST { continue }
                throw error(path, "mkdir", code)
            }
        }
    }

    /// Syncs directory `path` so that newly created entries in it survive a crash.
    static func syncDirectory(_ path: String) throws(WARCError) {
        let fd = retryingEINTR { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard fd >= 0 else { throw error(path, "open directory", errno) }
        var file = POSIXFile(path: path, descriptor: fd)
        defer { try? file.close() }
        try file.sync()
    }

    /// Atomically replaces `to` with `from`.
    static func rename(_ from: String, to: String) throws(WARCError) {
        #if canImport(Glibc)
            let result = Glibc.rename(from, to)
        #else
            let result = Darwin.rename(from, to)
        #endif
        guard result == 0 else { throw error(to, "rename", errno) }
    }

    /// Removes file `path`, ignoring errors (cleanup after a failure).
    static func removeQuietly(_ path: String) {
        _ = unlink(path)
    }

    static func error(_ path: String, _ operation: String, _ code: Int32) -> WARCError {
        if code == ENOSPC || code == EDQUOT { return .noSpace(path: path) }
        return .io(path: path, operation: operation, reason: String(cString: strerror(code)))
    }

    private static func retryingEINTR(_ call: () -> Int32) -> Int32 {
        while true {
            let result = call()
            if result < 0 && errno == EINTR { continue }
            return result
        }
    }
}
