import Crawling
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A JSON-lines event log for batch jobs: one object per line, appended, flushed per line.
final class JSONLinesLog: Sendable {
    private let descriptor: Int32
    private let lock = Mutex(())

    init(path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw CLIError("cannot open log file \(path): \(String(cString: strerror(errno)))")
        }
        descriptor = fd
    }

    deinit { close(descriptor) }

    func write(_ event: CrawlEvent) {
        var fields = [
            "\"event\": \"\(event.kind.rawValue)\"", "\"url\": \(ExiftoolJSONWriter.quoted(event.url))",
            "\"time\": \(ExiftoolJSONWriter.quoted(UTCClock.isoNow()))",
        ]
        if let status = event.status { fields.append("\"status\": \(status)") }
        if let reason = event.reason { fields.append("\"reason\": \(ExiftoolJSONWriter.quoted(reason))") }
        if let file = event.warcFile { fields.append("\"warc_file\": \(ExiftoolJSONWriter.quoted(file))") }
        if let offset = event.warcOffset { fields.append("\"warc_offset\": \(offset)") }
        let line = Array(("{" + fields.joined(separator: ", ") + "}\n").utf8)
        lock.withLock { _ in
            line.withUnsafeBytes { bytes in
                guard let base = bytes.baseAddress else { return }
                var done = 0
                while done < bytes.count {
                    let n = Glibc.write(descriptor, base + done, bytes.count - done)
                    if n <= 0 { if errno == EINTR { continue } else { return } }
                    done += n
                }
            }
        }
    }
}

/// A user-facing runtime error (exit 1) whose message says what to do.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// The current time as ISO 8601 UTC text.
enum UTCClock {
    static func isoNow() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var time = now.tv_sec
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let millis = Int(now.tv_nsec / 1_000_000)
        let fraction = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):"
            + "\(two(parts.tm_min)):\(two(parts.tm_sec)).\(fraction)Z"
    }
}
