/// Parses HTTP dates (RFC 9110 5.6.7): IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT" and the two
/// obsolete forms, RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT" and asctime "Sun Nov  6 08:49:37 1994".
public enum HTTPDate {
    /// Seconds since 1970-01-01 00:00:00 UTC, or nil when the text is not an HTTP date.
    public static func secondsSince1970(_ text: String) -> Int64? {
        let trimmed = trimmingSpaces(text)
        var fields: [Substring]
        if let comma = trimmed.firstIndex(of: ",") {
            fields = trimmed[trimmed.index(after: comma)...].split(separator: " ")
            if fields.count == 3 {
                // RFC 850: "06-Nov-94 08:49:37 GMT".
                let dayMonthYear = fields[0].split(separator: "-")
                guard dayMonthYear.count == 3, let shortYear = Int(dayMonthYear[2]), dayMonthYear[2].count == 2
                else { return nil }
                let year = shortYear < 70 ? 2000 + shortYear : 1900 + shortYear
                fields = [dayMonthYear[0], dayMonthYear[1], Substring(String(year)), fields[1], fields[2]]
            }
            guard fields.count == 5, fields[4] == "GMT" || fields[4] == "UTC" else { return nil }
            return compose(day: fields[0], month: fields[1], year: fields[2], time: fields[3])
        }
        // asctime: "Sun Nov  6 08:49:37 1994".
        fields = trimmed.split(separator: " ")
        guard fields.count == 5 else { return nil }
        return compose(day: fields[2], month: fields[1], year: fields[4], time: fields[3])
    }

    private static func trimmingSpaces(_ text: String) -> Substring {
        var slice = text[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return slice
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func compose(day: Substring, month: Substring, year: Substring, time: Substring) -> Int64? {
        let clock = time.split(separator: ":")
        guard let dayNumber = Int(day), (1...31).contains(dayNumber), day.count <= 2,
            let monthIndex = months.firstIndex(of: month.lowercased()),
            let yearNumber = Int(year), year.count == 4,
            clock.count == 3, clock.allSatisfy({ $0.count == 2 }),
            let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2]),
            (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        let days = daysSince1970(year: yearNumber, month: monthIndex + 1, day: dayNumber)
        return days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    private static func daysSince1970(year: Int, month: Int, day: Int) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return Int64(era * 146_097 + dayOfEra - 719_468)
    }
}
