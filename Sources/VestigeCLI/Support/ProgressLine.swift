/// A one-line progress display on standard error (terminals only), rewritten in place.
final class ProgressLine: Sendable {
    let enabled: Bool

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ text: String) {
        guard enabled else { return }
        StandardStream.writeError("\r\u{1B}[K" + text)
    }

    func clear() {
        guard enabled else { return }
        StandardStream.writeError("\r\u{1B}[K")
    }
}

/// Byte counts for people ("12.3 MB").
enum ByteCount {
    static func format(_ bytes: Int64) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : NumberText.fixed(value, decimals: 1) + " " + units[unit]
    }
}
