/// A UTC instant read from the data's `YYYY-MM-DDTHH:MM:SSZ` text, printed in the forms that
/// HTTP, RSS, Atom, sitemaps and Mastodon use.
struct Timestamp: Sendable, Comparable {
    let year: Int
    let month: Int
    let day: Int
    let hour: Int
    let minute: Int
    let second: Int

    /// Parses `YYYY-MM-DDTHH:MM:SSZ`; nil for anything else.
    init?(iso8601 text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A,
            bytes[16] == 0x3A, bytes[19] == 0x5A
        else { return nil }
        func number(_ range: Range<Int>) -> Int? { Int(String(decoding: bytes[range], as: UTF8.self)) }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (
            year, month, day, hour, minute, second
        )
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    var secondsSinceEpoch: Int { daysSinceEpoch * 86_400 + hour * 3_600 + minute * 60 + second }

    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private var weekday: String {
        let index = ((daysSinceEpoch % 7) + 7) % 7
        return Self.weekdays[index]
    }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    private var clock: String { "\(Self.pad(hour)):\(Self.pad(minute)):\(Self.pad(second))" }

    /// `2021-01-04T00:18:28Z` (Atom, sitemaps, OpenGraph, JSON-LD, the Parler-style API).
    var iso8601: String { "\(Self.pad(year, 4))-\(Self.pad(month))-\(Self.pad(day))T\(clock)Z" }

    /// `2021-01-04T00:18:28.000Z`, as Mastodon prints `created_at`.
    var mastodon: String { "\(Self.pad(year, 4))-\(Self.pad(month))-\(Self.pad(day))T\(clock).000Z" }

    /// `2021-01-04`, Mastodon's `last_status_at`.
    var date: String { "\(Self.pad(year, 4))-\(Self.pad(month))-\(Self.pad(day))" }

    /// `Mon, 04 Jan 2021 00:18:28 GMT` (HTTP Last-Modified, RFC 9110 IMF-fixdate).
    var http: String { "\(weekday), \(Self.pad(day)) \(Self.months[month - 1]) \(Self.pad(year, 4)) \(clock) GMT" }

    /// `Mon, 04 Jan 2021 00:18:28 +0000` (RSS 2.0 pubDate, RFC 822 with a four-digit year).
    var rss: String { "\(weekday), \(Self.pad(day)) \(Self.months[month - 1]) \(Self.pad(year, 4)) \(clock) +0000" }

    /// `04 Jan 2021, 00:18 UTC`, for people.
    var readable: String {
        "\(Self.pad(day)) \(Self.months[month - 1]) \(Self.pad(year, 4)), \(Self.pad(hour)):\(Self.pad(minute)) UTC"
    }

    static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }
}
