/// Reads a `Retry-After` header value (RFC 9110 10.2.3): delay-seconds or an HTTP-date.
public enum RetryAfter {
    /// Seconds to wait from `now` (Unix time in seconds); 0 for a date in the past; nil when unreadable.
    public static func seconds(_ value: String, now: Double) -> Double? {
        let text = value.filter { $0 != " " && $0 != "\t" }
        if !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            // Absurdly long numbers saturate rather than fail: they mean "a long time".
            return text.count > 12 ? 1e12 : Double(text)
        }
        guard let date = HTTPDate.secondsSince1970(value) else { return nil }
        return max(0, Double(date) - now)
    }

    /// The same as a `Duration`.
    public static func delay(_ value: String, now: Double) -> Duration? {
        seconds(value, now: now).map { Duration.milliseconds(Int64(min($0, 1e12) * 1000)) }
    }
}
