#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A text sink: standard output, standard error, or a string in tests.
public protocol TextSink {
    /// Writes `text` as is.
    mutating func write(_ text: String)
    /// Hands what was written on now (a buffered sink); nothing for sinks that keep it.
    mutating func flush()
}

extension TextSink {
    /// Nothing to hand on: the sink keeps what it is given.
    public mutating func flush() {}
}

/// Buffered writes to standard output or standard error, flushed when the buffer fills or on `flush`.
public struct StandardStream: TextSink {
    private let descriptor: Int32
    private var buffer: [UInt8] = []

    /// Standard output.
    public static var output: StandardStream { StandardStream(descriptor: STDOUT_FILENO) }
    /// Standard error.
    public static var error: StandardStream { StandardStream(descriptor: STDERR_FILENO) }

    public mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes the buffer out.
    public mutating func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            var done = 0
            while done < bytes.count {
                let n = Glibc.write(descriptor, base + done, bytes.count - done)
                if n > 0 {
                    done += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    return  // a closed pipe (e.g. `| head`): nothing more can be written
                }
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes `text` to standard error at once (progress, warnings).
    public static func writeError(_ text: String) {
        var stream = StandardStream.error
        stream.write(text)
        stream.flush()
    }

    /// True when the stream is a terminal (for colours and progress lines).
    public var isTerminal: Bool { isatty(descriptor) != 0 }
}

/// Collects text in memory (tests, or output built before it is printed).
public struct StringSink: TextSink {
    /// Everything written so far.
    public private(set) var text = ""
    /// An empty sink.
    public init() {}
    public mutating func write(_ text: String) { self.text += text }
}
