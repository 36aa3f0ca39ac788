/// Where an import reports problems and progress: standard error, written at once, or a string
/// in tests. A class so that the importers' callbacks can share it.
public final class ImportConsole {
    private let sink: (String) -> Void
    /// Everything written, when collecting (tests).
    public private(set) var collected = ""
    private let collecting: Bool
    private var progressShown = false

    /// A console writing to standard error, unbuffered.
    public static func standardError() -> ImportConsole {
        ImportConsole(collecting: false) { text in
            var stream = StandardStream.error
            stream.write(text)
            stream.flush()
        }
    }

    /// A console that keeps what is written in `collected`.
    public static func collector() -> ImportConsole { ImportConsole(collecting: true) { _ in } }

    private init(collecting: Bool, sink: @escaping (String) -> Void) {
        self.collecting = collecting
        self.sink = sink
    }

    /// Writes a message line (clearing a progress line first).
    public func line(_ text: String) {
        clearProgress()
        emit(text + "\n")
    }

    /// Replaces the progress line.
    public func progress(_ text: String) {
        emit("\r\u{1B}[K" + text)
        progressShown = true
    }

    /// Removes the progress line, if one is shown.
    public func clearProgress() {
        guard progressShown else { return }
        emit("\r\u{1B}[K")
        progressShown = false
    }

    private func emit(_ text: String) {
        if collecting { collected += text } else { sink(text) }
    }
}
