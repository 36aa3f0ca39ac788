/// RSS dates (RFC 822 / RFC 2822, e.g. `Mon, 04 Jan 2021 00:18:28 +0000`) as ISO 8601.
public enum RFC822Date {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    /// RFC 822's named zones; military letters and unknown names count as UTC (RFC 2822 §4.3).
    private static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420,
        "mdt": -360, "pst": -480, "pdt": -420,
    ]

    /// `text` as ISO 8601 in the date's own offset (`2021-01-04T00:18:28+00:00`, or `…Z` for
    /// GMT/UT/-0000); nil when it is not an RFC 822 date. Two-digit years are read as RFC 2822 says
    /// (00–49 → 20xx, 50–99 → 19xx); a missing seconds field is `:00`.
    public static func iso8601(from text: String) -> String? {
        var words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
        // The day name is optional.
        if let first = words.first, first.count >= 3, first.allSatisfy(\.isLetter) { words.removeFirst() }
        guard words.count >= 4, let day = Int(words[0]), (1...31).contains(day),
            let monthIndex = months.firstIndex(of: String(words[1].prefix(3))), words[2].allSatisfy(\.isASCII),
            words[2].allSatisfy(\.isNumber), var year = Int(words[2])
        else { return nil }
        if words[2].count <= 2 { year += year < 50 ? 2000 : 1900 } else if words[2].count == 3 { year += 1900 }
        guard (1...9999).contains(year), day <= daysIn(month: monthIndex + 1, year: year) else { return nil }
        let clock = words[3].split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard clock.count == 2 || clock.count == 3, let hour = clock[0], let minute = clock[1], hour < 24, minute < 60
        else { return nil }
        let second = clock.count == 3 ? clock[2] : 0
        guard let second, second < 61 else { return nil }
        let zone = words.count > 4 ? words[4] : "gmt"
        let offset: String
        if let sign = zone.first, sign == "+" || sign == "-", zone.count == 5, let value = Int(zone.dropFirst()) {
            let (hours, minutes) = (value / 100, value % 100)
            guard hours < 24, minutes < 60 else { return nil }
            offset = value == 0 && sign == "-" ? "Z" : "\(sign)\(pad(hours)):\(pad(minutes))"
        } else if let minutes = zones[zone] {
            if minutes == 0 {
                offset = "Z"
            } else {
                offset = (minutes < 0 ? "-" : "+") + pad(abs(minutes) / 60) + ":" + pad(abs(minutes) % 60)
            }
        } else if zone.count == 1, zone.first?.isLetter == true {
            offset = "Z"
        } else {
            return nil
        }
        return "\(pad(year, 4))-\(pad(monthIndex + 1))-\(pad(day))T\(pad(hour)):\(pad(minute)):\(pad(second))" + offset
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
