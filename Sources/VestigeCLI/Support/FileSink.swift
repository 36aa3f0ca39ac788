#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Text written to a new file beside its final path and renamed into place by `commit`, so an
/// export that fails half-way never leaves a half-written file under the name asked for.
struct FileSink: TextSink {
    /// The final path.
    let path: String
    /// The file being written.
    let temporaryPath: String
    private let file: UnsafeMutablePointer<FILE>
    private var failure: Int32 = 0
    /// Bytes written so far.
    private(set) var bytes: Int64 = 0

    /// Opens a temporary file beside `path`; throws `CLIError` naming it.
    init(path: String) throws {
        self.path = path
        temporaryPath = path + ".tmp-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
        guard let file = fopen(temporaryPath, "wb") else {
            throw CLIError(
                "cannot write \(temporaryPath): \(String(cString: strerror(errno))); check the --output folder")
        }
        self.file = file
    }

    mutating func write(_ text: String) {
        var text = text
        let count = text.withUTF8 { fwrite($0.baseAddress, 1, $0.count, file) }
        if count != text.utf8.count, failure == 0 { failure = errno }
        bytes += Int64(count)
    }

    /// Closes the file and renames it to `path`; throws `CLIError` (and removes the temporary
    /// file) when anything failed.
    func commit() throws {
        let closed = fclose(file)
        let code = failure != 0 ? failure : (closed != 0 ? errno : 0)
        guard code == 0 else {
            unlink(temporaryPath)
            throw CLIError("cannot write \(path): \(String(cString: strerror(code)))")
        }
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw CLIError("cannot rename \(temporaryPath) to \(path): \(reason)")
        }
    }

    /// Closes and removes the temporary file (after an error elsewhere).
    func discard() {
        fclose(file)
        unlink(temporaryPath)
    }
}
