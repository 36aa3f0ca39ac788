import MediaMetadata

/// An instant parsed from ISO 8601 text, kept as whole UTC seconds plus the fraction digits as
/// written, and the original offset from UTC when the text had a numeric one.
///
/// The index stores `utcText` ("2021-01-06T18:30:00Z", or "…:00.25Z" with a fraction), which
/// sorts as the instants do within whole seconds; `SearchFilterSQL` handles fractional bounds.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let seconds: Int64
    /// Fraction-of-second digits as written, trailing zeros dropped ("" for none).
    public let fraction: String
    /// Offset from UTC in minutes as written (+HH:MM / -HH:MM), nil for `Z` or no zone.
    public let offsetMinutes: Int?

    /// An instant from its parts.
    public init(seconds: Int64, fraction: String = "", offsetMinutes: Int? = nil) {
        self.seconds = seconds
        var digits = fraction
        while digits.hasSuffix("0") { digits.removeLast() }
        self.fraction = digits
        self.offsetMinutes = offsetMinutes
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        if lhs.seconds != rhs.seconds { return lhs.seconds < rhs.seconds }
        // Compare fractions as decimal digit strings padded on the right.
        let width = max(lhs.fraction.count, rhs.fraction.count)
        let left = lhs.fraction.padding(to: width)
        let right = rhs.fraction.padding(to: width)
        return left < right
    }

    public static func == (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.seconds == rhs.seconds && lhs.fraction == rhs.fraction
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(seconds)
        hasher.combine(fraction)
    }

    /// "YYYY-MM-DDTHH:MM:SS" in UTC: the whole-second part of `utcText`.
    public var utcSecondsText: String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = CivilCalendar.date(daysSinceEpoch: days)
        return "\(Self.pad(Int(year), 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))T"
            + "\(Self.pad(secondOfDay / 3600, 2)):\(Self.pad(secondOfDay / 60 % 60, 2)):\(Self.pad(secondOfDay % 60, 2))"
    }

    /// ISO 8601 UTC text as stored in the index: "2021-01-06T18:30:00Z" or "2021-01-06T18:30:00.25Z".
    public var utcText: String {
        fraction.isEmpty ? utcSecondsText + "Z" : utcSecondsText + "." + fraction + "Z"
    }

    /// The original offset as "+HH:MM" / "-HH:MM", nil when the text said `Z` or nothing.
    public var offsetText: String? {
        guard let offsetMinutes else { return nil }
        let sign = offsetMinutes < 0 ? "-" : "+"
        let magnitude = abs(offsetMinutes)
        return "\(sign)\(Self.pad(magnitude / 60, 2)):\(Self.pad(magnitude % 60, 2))"
    }

    public var description: String { utcText }

    /// Parses ISO 8601 / RFC 3339 text: `YYYY-MM-DD`, optionally followed by `T` (or a space) and
    /// `HH:MM[:SS[.fraction]]`, optionally followed by `Z`, `±HH:MM`, `±HHMM` or `±HH`. Text
    /// without a zone is taken as UTC; a bare date is 00:00 UTC. Returns nil for anything else,
    /// including impossible dates such as February 30.
    public init?(parsing text: String) {
        var bytes = Array(text.utf8)[...]
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes.removeFirst() }
        func number(_ count: Int) -> Int? {
            guard bytes.count >= count else { return nil }
            var value = 0
            for byte in bytes.prefix(count) {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            bytes.removeFirst(count)
            return value
        }
        func take(_ byte: UInt8) -> Bool {
            guard bytes.first == byte else { return false }
            bytes.removeFirst()
            return true
        }
        guard let year = number(4), take(0x2D), let month = number(2), take(0x2D), let day = number(2) else {
            return nil
        }
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        var fraction = ""
        var offset: Int?
        if let separator = bytes.first, separator == 0x54 || separator == 0x74 || separator == 0x20 {
            bytes.removeFirst()
            guard let h = number(2), take(0x3A), let m = number(2) else { return nil }
            hour = h
            minute = m
            if take(0x3A) {
                guard let s = number(2) else { return nil }
                second = s
                if let mark = bytes.first, mark == 0x2E || mark == 0x2C {
                    bytes.removeFirst()
                    var digits = ""
                    while let byte = bytes.first, byte >= 0x30, byte <= 0x39 {
                        digits.append(Character(Unicode.Scalar(byte)))
                        bytes.removeFirst()
                    }
                    guard !digits.isEmpty, digits.count <= 12 else { return nil }
                    fraction = digits
                }
            }
            // 24:00:00 is the end of the day in ISO 8601; 60 seconds is a leap second, which
            // vestige folds into the next second as most software does.
            guard hour <= 24, minute <= 59, second <= 60 else { return nil }
            if hour == 24, minute != 0 || second != 0 || !fraction.allSatisfy({ $0 == "0" }) { return nil }
            if let zone = bytes.first {
                if zone == 0x5A || zone == 0x7A {
                    bytes.removeFirst()
                } else if zone == 0x2B || zone == 0x2D {
                    bytes.removeFirst()
                    guard let hours = number(2), hours <= 23 else { return nil }
                    var minutes = 0
                    if take(0x3A) {
                        guard let m = number(2) else { return nil }
                        minutes = m
                    } else if !bytes.isEmpty {
                        guard let m = number(2) else { return nil }
                        minutes = m
                    }
                    guard minutes <= 59 else { return nil }
                    offset = (zone == 0x2D ? -1 : 1) * (hours * 60 + minutes)
                } else {
                    return nil
                }
            }
        }
        guard bytes.isEmpty else { return nil }
        let days = Self.daysSinceEpoch(year: Int64(year), month: month, day: day)
        let local = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.init(seconds: local - Int64((offset ?? 0) * 60), fraction: fraction, offsetMinutes: offset)
    }

    // MARK: - Calendar arithmetic (proleptic Gregorian, Howard Hinnant's algorithms)

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func daysSinceEpoch(year: Int64, month: Int, day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

extension String {
    fileprivate func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: "0", count: width - count)
    }
}
