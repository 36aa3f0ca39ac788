#if canImport(Glibc)
    public import Glibc
#elseif canImport(Darwin)
    public import Darwin
#endif

/// A UTC instant as written in `WARC-Date`: `2026-11-25T14:30:00.123456Z` (WARC 1.1, with
/// microseconds) or `2026-11-25T14:30:00Z` (WARC 1.0). Parses both forms and the shorter W3C
/// forms WARC 1.1 allows (`2026-11-25`, `2026-11-25T14:30Z`).
public struct WARCDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    public let seconds: Int64
    /// Nanoseconds past `seconds`, 0 ..< 1,000,000,000.
    public let nanoseconds: Int32

    /// The instant `seconds` + `nanoseconds` after the Unix epoch; nanoseconds outside
    /// 0 ..< 1e9 carry into the seconds.
    public init(seconds: Int64, nanoseconds: Int32 = 0) {
        var s = seconds
        var n = Int64(nanoseconds)
        s += n / 1_000_000_000
        n %= 1_000_000_000
        if n < 0 {
            n += 1_000_000_000
            s -= 1
        }
        self.seconds = s
        self.nanoseconds = Int32(n)
    }

    /// The instant of a POSIX `timespec` (as filled by `clock_gettime(CLOCK_REALTIME, ...)`).
    public init(_ time: timespec) {
        self.init(seconds: Int64(time.tv_sec), nanoseconds: Int32(clamping: time.tv_nsec))
    }

    /// The instant `secondsSince1970` after the Unix epoch (sub-microsecond precision is lost).
    public init(secondsSince1970: Double) {
        let whole = secondsSince1970.rounded(.down)
        let micros = ((secondsSince1970 - whole) * 1_000_000).rounded()
        self.init(seconds: Int64(whole), nanoseconds: Int32(micros) * 1000)
    }

    /// The current time, from the system's real-time clock.
    public static func now() -> WARCDate {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return WARCDate(time)
    }

    /// Seconds since the Unix epoch as a floating-point number.
    public var secondsSince1970: Double { Double(seconds) + Double(nanoseconds) / 1e9 }

    /// WARC 1.1 form with microseconds: `2026-11-25T14:30:00.123456Z`.
    public var warc11String: String { format(fractionDigits: 6) }

    /// WARC 1.0 form, whole seconds: `2026-11-25T14:30:00Z`.
    public var warc10String: String { format(fractionDigits: 0) }

    /// The 14-digit `YYYYMMDDhhmmss` timestamp used by CDXJ and in file names.
    public var timestamp14: String {
        let c = components
        return pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2) + pad(c.hour, 2) + pad(c.minute, 2)
            + pad(c.second, 2)
    }

    /// The WARC 1.1 form, same as `warc11String`.
    public var description: String { warc11String }

    /// Earlier instants sort first.
    public static func < (lhs: WARCDate, rhs: WARCDate) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }

    /// Parses a `WARC-Date` value (1.0 or 1.1 forms, any number of fraction digits up to 9,
    /// a missing final `Z` tolerated); nil when it is not a valid date.
    public init?(parsing text: String) {
        var bytes = Array(ASCII.trimmed(Array(text.utf8)[...]))
        if let last = bytes.last, last == UInt8(ascii: "Z") || last == UInt8(ascii: "z") { bytes.removeLast() }
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= bytes.count else { return nil }
            guard let value = ASCII.parseDecimal(bytes[from..<from + count]) else { return nil }
            return Int(value)
        }
        func isByte(_ index: Int, _ char: Character) -> Bool {
            index < bytes.count && bytes[index] == char.asciiValue
        }
        guard let year = number(0, 4) else { return nil }
        var month = 1
        var day = 1
        var hour = 0
        var minute = 0
        var second = 0
        var nanos = 0
        var index = 4
        if index < bytes.count {
            guard isByte(4, "-"), let m = number(5, 2) else { return nil }
            month = m
            index = 7
        }
        if index < bytes.count {
            guard isByte(7, "-"), let d = number(8, 2) else { return nil }
            day = d
            index = 10
        }
        if index < bytes.count {
            guard isByte(10, "T") || isByte(10, "t") || isByte(10, " "), let h = number(11, 2), isByte(13, ":"),
                let mi = number(14, 2)
            else { return nil }
            hour = h
            minute = mi
            index = 16
            if index < bytes.count {
                guard isByte(16, ":"), let s = number(17, 2) else { return nil }
                second = s
                index = 19
                if index < bytes.count {
                    guard isByte(19, ".") else { return nil }
                    let digits = bytes[20...]
                    guard !digits.isEmpty, digits.allSatisfy(ASCII.isDigit) else { return nil }
                    var scale = 100_000_000
                    for digit in digits.prefix(9) {
                        nanos += Int(digit - 48) * scale
                        scale /= 10
                    }
                    index = bytes.count
                }
            }
        }
        guard index == bytes.count, (1...12).contains(month), (1...Self.daysIn(year, month)).contains(day),
            hour < 24, minute < 60, second < 61
        else { return nil }
        let days = Self.daysFromCivil(year, month, day)
        let total = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.init(seconds: total, nanoseconds: Int32(nanos))
    }

    // MARK: - Calendar arithmetic (proleptic Gregorian, Howard Hinnant's algorithms)

    struct Components {
        var year, month, day, hour, minute, second: Int
    }

    var components: Components {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let (y, m, d) = Self.civilFromDays(Int(days))
        return Components(
            year: y, month: m, day: d, hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60,
            second: secondOfDay % 60)
    }

    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysIn(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private func format(fractionDigits: Int) -> String {
        let c = components
        var text =
            pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2) + "T" + pad(c.hour, 2) + ":"
            + pad(c.minute, 2) + ":" + pad(c.second, 2)
        if fractionDigits > 0 {
            var divisor = 1
            for _ in fractionDigits..<9 { divisor *= 10 }
            text += "." + pad(Int(nanoseconds) / divisor, fractionDigits)
        }
        return text + "Z"
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
