/// Date text in exiftool's "YYYY:MM:DD HH:MM:SS[+HH:MM]" form, built without Foundation.
enum MetadataDate {
    /// exiftool's text for a QuickTime time of 0 (unset).
    static let zero = "0000:00:00 00:00:00"

    /// A QuickTime/MP4 time (seconds since 1904-01-01 UTC) as UTC text; 0 gives `zero`.
    static func fromQuickTime(seconds: UInt64) -> String {
        guard seconds != 0 else { return zero }
        // 2082844800 s lie between 1904-01-01 and 1970-01-01.
        return fromUnix(seconds: Int64(clamping: seconds) - 2_082_844_800)
    }

    /// Seconds since 1970-01-01 UTC as UTC text.
    static func fromUnix(seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondsOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = CivilCalendar.date(daysSinceEpoch: days)
        return "\(NumberFormatting.padded(Int(year), width: 4)):\(NumberFormatting.twoDigits(month)):"
            + "\(NumberFormatting.twoDigits(day)) \(NumberFormatting.twoDigits(secondsOfDay / 3600)):"
            + "\(NumberFormatting.twoDigits(secondsOfDay / 60 % 60)):\(NumberFormatting.twoDigits(secondsOfDay % 60))"
    }

    /// exiftool's XMP date conversion (`ConvertXMPDate`): "2010-04-13T09:37:22.5+02:00" becomes
    /// "2010:04:13 09:37:22.5+02:00"; seconds may be missing; what follows the seconds is kept as
    /// written. A date without a time ("2008-03") has its dashes turned into colons unless
    /// `unsure`. Anything else is returned unchanged.
    static func fromXMP(_ text: String, unsure: Bool = false) -> String {
        let bytes = Array(text.utf8)
        func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        func digits(_ start: Int, _ count: Int) -> Bool { (start..<start + count).allSatisfy(isDigit) }
        func byte(_ i: Int, _ c: Character) -> Bool { i < bytes.count && bytes[i] == c.asciiValue }
        func part(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        if digits(0, 4), byte(4, "-"), digits(5, 2), byte(7, "-"), digits(8, 2), byte(10, "T") || byte(10, " "),
            digits(11, 2), byte(13, ":"), digits(14, 2)
        {
            var index = 16
            var seconds = ""
            if byte(16, ":"), digits(17, 2) {
                seconds = part(16..<19)
                index = 19
            }
            while byte(index, " ") || byte(index, "\t") { index += 1 }
            let rest = part(index..<bytes.count)
            guard !rest.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\(part(0..<4)):\(part(5..<7)):\(part(8..<10)) \(part(11..<16))\(seconds)\(rest)"
        }
        if !unsure, digits(0, 4) {
            return String(text.map { $0 == "-" ? ":" : $0 })
        }
        return text
    }

    /// exiftool's QuickTime date conversion: the XMP one, then a colon added to a trailing
    /// "+HHMM" zone ("2023-06-15T12:30:45+0200" → "2023:06:15 12:30:45+02:00").
    static func fromQuickTimeText(_ text: String, unsure: Bool) -> String {
        var value = fromXMP(text, unsure: unsure)
        let tail = Array(value.utf8.suffix(5))
        if tail.count == 5, tail[0] == UInt8(ascii: "+") || tail[0] == UInt8(ascii: "-"),
            tail[1...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        {
            value.insert(":", at: value.index(value.endIndex, offsetBy: -2))
        }
        return value
    }

    /// A QuickTime `©day`-style ISO 8601 date in exiftool's form (see `fromQuickTimeText`).
    static func fromISO8601(_ text: String) -> String? {
        fromQuickTimeText(text, unsure: false)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    /// The string without leading and trailing ASCII spaces, tabs, CR and LF.
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
