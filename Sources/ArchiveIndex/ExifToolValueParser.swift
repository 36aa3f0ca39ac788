/// Reads the values `exiftool -json` prints, in its default formatting ("38 deg 53' 23.04\" N",
/// "12.5 s", "139 m Above Sea Level") and with `-n` (plain numbers).
///
/// Every function returns nil for text it does not recognise, never a guess: exiftool prints
/// unusable values as strings ("", "inf", "undef"), and those must not become positions.
public enum ExifToolValueParser {
    /// A plain decimal number ("12.5", "-105", "+3", "2.5e3"); nil for anything else, "inf" and
    /// "nan" included.
    public static func number(_ text: some StringProtocol) -> Double? {
        let trimmed = trim(text)
        guard !trimmed.isEmpty,
            trimmed.utf8.allSatisfy({
                ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B || $0 == 0x65 || $0 == 0x45
            }),
            trimmed.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }),
            let value = Double(trimmed), value.isFinite
        else { return nil }
        return value
    }

    /// A latitude or longitude: signed decimal degrees ("-49.5786"), exiftool's formatted
    /// degrees-minutes-seconds with or without a hemisphere ("38 deg 53' 23.04\" N",
    /// "43 deg 28' 2.81\""), degrees and decimal minutes ("38 deg 53.384' N"), `°`/`′`/`″`
    /// symbols, and XMP's raw form ("40,41.352N").
    public static func angle(_ text: some StringProtocol) -> ExifToolAngle? {
        let trimmed = trim(text)
        // -n prints plain numbers, Perl-style ("1e-05" included).
        if let value = number(trimmed) {
            guard abs(value) <= 180 else { return nil }
            return ExifToolAngle(degrees: value, isSigned: trimmed.hasPrefix("-") || trimmed.hasPrefix("+"))
        }
        let tokens = ExifToolAngleToken.scan(trimmed)
        var index = 0
        var negative = false
        var explicitSign = false
        if index < tokens.count, case .symbol(let mark) = tokens[index], mark == "-" || mark == "+" {
            negative = mark == "-"
            explicitSign = true
            index += 1
        }
        var parts: [Double] = []
        var fractional: [Bool] = []
        while index < tokens.count, parts.count < 3, case .number(let value, let hasFraction) = tokens[index] {
            parts.append(value)
            fractional.append(hasFraction)
            index += 1
            guard index < tokens.count else { break }
            let unitOK: Bool
            switch (parts.count, tokens[index]) {
            case (1, .word(let word)) where word == "deg": unitOK = true
            case (1, .symbol(let mark)) where mark == "°" || mark == ",": unitOK = true
            case (2, .symbol(let mark)) where mark == "'" || mark == "′" || mark == ",": unitOK = true
            case (3, .symbol(let mark)) where mark == "\"" || mark == "″": unitOK = true
            default: unitOK = false
            }
            if unitOK { index += 1 }
            // Seconds written as two primes ('').
            if parts.count == 3, index + 1 < tokens.count, case .symbol("'") = tokens[index],
                case .symbol("'") = tokens[index + 1]
            {
                index += 2
            }
        }
        guard !parts.isEmpty else { return nil }
        var axis: ExifToolAngle.Axis?
        var hemisphereNegative = false
        if index < tokens.count, case .word(let word) = tokens[index] {
            switch word {
            case "N", "North": axis = .latitude
            case "S", "South":
                axis = .latitude
                hemisphereNegative = true
            case "E", "East": axis = .longitude
            case "W", "West":
                axis = .longitude
                hemisphereNegative = true
            default: return nil
            }
            index += 1
        }
        guard index == tokens.count else { return nil }
        // A sign and a hemisphere together ("-38 N") contradict or repeat each other: refuse.
        if explicitSign && axis != nil { return nil }
        // Only the last part may have a fraction; minutes and seconds stay below 60.
        guard !fractional.dropLast().contains(true) else { return nil }
        for part in parts.dropFirst() where part >= 60 { return nil }
        var magnitude = parts[0]
        if parts.count > 1 { magnitude += parts[1] / 60 }
        if parts.count > 2 { magnitude += parts[2] / 3600 }
        guard magnitude.isFinite, magnitude <= 180 else { return nil }
        let signed = (negative || hemisphereNegative) ? -magnitude : magnitude
        return ExifToolAngle(degrees: signed, axis: axis, isSigned: explicitSign || axis != nil)
    }

    /// `GPSPosition` or QuickTime `GPSCoordinates`: "38 deg 53' 23.04\" N, 77 deg 0' 32.56\" W"
    /// (optionally ", 139 m Above Sea Level"), or with `-n` "38.8897 -77.009" (optionally a third
    /// number, metres). Nil when either angle is unusable or out of range.
    public static func position(_ text: some StringProtocol) -> ExifToolPosition? {
        let trimmed = trim(text)
        let parts: [Substring]
        if trimmed.contains(",") {
            parts = trimmed.split(separator: ",", omittingEmptySubsequences: false)
        } else {
            parts = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })
        }
        guard parts.count == 2 || parts.count == 3, var first = angle(parts[0]), var second = angle(parts[1]) else {
            return nil
        }
        if first.axis == .longitude || second.axis == .latitude { swap(&first, &second) }
        guard first.axis != .longitude, second.axis != .latitude else { return nil }
        guard abs(first.degrees) <= 90, abs(second.degrees) <= 180 else { return nil }
        var altitude: ExifToolAltitude?
        if parts.count == 3 {
            guard let metres = Self.altitude(parts[2]) else { return nil }
            altitude = metres
        }
        return ExifToolPosition(latitude: first.degrees, longitude: second.degrees, altitude: altitude)
    }

    /// `GPSAltitude`: "139 m Above Sea Level", "12 m Below Sea Level" (negative), "35 m", "-105",
    /// "35". Nil for "inf", "undef" and other text.
    public static func altitude(_ text: some StringProtocol) -> ExifToolAltitude? {
        var rest = trim(text)
        var reference: ExifToolAltitude.Reference?
        for (suffix, kind) in [("Above Sea Level", ExifToolAltitude.Reference.above), ("Below Sea Level", .below)]
        where rest.hasSuffix(suffix) {
            rest = trim(rest.dropLast(suffix.count))
            reference = kind
        }
        if rest.hasSuffix("m") { rest = trim(rest.dropLast()) }
        guard let value = number(rest) else { return nil }
        return ExifToolAltitude(metres: reference == .below ? -abs(value) : value, reference: reference)
    }

    /// `Duration` in seconds: "12.5 s", "0 s", "0:01:02", "1 days 2:03:04", any of them followed by
    /// " (approx)", or a plain number (`-n`).
    public static func duration(_ text: some StringProtocol) -> Double? {
        var rest = trim(text)
        if rest.hasSuffix("(approx)") { rest = trim(rest.dropLast("(approx)".count)) }
        if rest.hasSuffix("s") { return number(rest.dropLast()) }
        guard rest.contains(":") else { return number(rest) }
        var negative = false
        if rest.hasPrefix("-") {
            negative = true
            rest = String(rest.dropFirst())
        }
        var days = 0.0
        let words = rest.split(separator: " ")
        if words.count == 3, words[1] == "days" || words[1] == "day" {
            guard let count = Double(words[0]), count >= 0, words[0].allSatisfy(\.isNumber) else { return nil }
            days = count
            rest = String(words[2])
        } else if words.count != 1 {
            return nil
        }
        let fields = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 2 || fields.count == 3 else { return nil }
        var seconds = 0.0
        for (position, field) in fields.enumerated() {
            let isLast = position == fields.count - 1
            guard !field.isEmpty, isLast || field.allSatisfy(\.isNumber), let value = number(field), value >= 0 else {
                return nil
            }
            if position > 0 && value >= 60 { return nil }
            seconds = seconds * 60 + value
        }
        let total = days * 86_400 + seconds
        return negative ? -total : total
    }

    /// A date in exiftool's form: "2021:01:06 14:05:10", with a fraction, "…-05:00", "…Z", a bare
    /// "2021:01:06", or the zero date. Nil for any other form (such as a `-d` format).
    public static func date(_ text: some StringProtocol) -> ExifToolDate? {
        var trimmed = trim(text)
        if trimmed.hasSuffix(" DST") { trimmed = trim(trimmed.dropLast(4)) }
        let characters = Array(trimmed)
        func digits(_ range: Range<Int>) -> Bool {
            range.upperBound <= characters.count
                && range.allSatisfy { characters[$0].isASCII && characters[$0].isNumber }
        }
        guard digits(0..<4), characters.count >= 10, characters[4] == ":", digits(5..<7), characters[7] == ":",
            digits(8..<10)
        else { return nil }
        if characters.count > 10 {
            guard characters[10] == " ", digits(11..<13), characters.count >= 16, characters[13] == ":",
                digits(14..<16)
            else { return nil }
        }
        if characters.count > 16 { guard looksLikeDateTail(characters[16...]) else { return nil } }
        var iso = characters
        iso[4] = "-"
        iso[7] = "-"
        // Nil for the zero date and impossible dates: kept as text, not placed on the time line.
        let instant = Timestamp(parsing: String(iso))
        let hasZone =
            characters.count > 19 && characters[19...].contains(where: { $0 == "+" || $0 == "-" || $0 == "Z" })
        return ExifToolDate(text: trimmed, hasZone: hasZone, instant: instant)
    }

    /// `OffsetTimeOriginal`: "+02:00", "-03:00" (also "Z"); nil for anything else.
    public static func offset(_ text: some StringProtocol) -> String? {
        let trimmed = trim(text)
        if trimmed == "Z" { return trimmed }
        let characters = Array(trimmed)
        guard characters.count == 6, characters[0] == "+" || characters[0] == "-", characters[3] == ":",
            [1, 2, 4, 5].allSatisfy({ characters[$0].isASCII && characters[$0].isNumber }),
            let hours = Int(String(characters[1...2])), let minutes = Int(String(characters[4...5])),
            hours <= 23, minutes <= 59
        else { return nil }
        return trimmed
    }

    /// `ImageSize`: "1920x1080", or "1920 1080" with `-n`.
    public static func imageSize(_ text: some StringProtocol) -> (width: Int64, height: Int64)? {
        let parts = trim(text).split(whereSeparator: { $0 == "x" || $0 == "X" || $0 == " " })
        guard parts.count == 2, let width = integer(parts[0]), let height = integer(parts[1]) else { return nil }
        return (width, height)
    }

    /// A whole number ("1920", "1920.0"), nil for fractions, negative values and other text.
    public static func integer(_ text: some StringProtocol) -> Int64? {
        guard let value = number(text), value >= 0, value < 9.0e15, let whole = Int64(exactly: value) else {
            return nil
        }
        return whole
    }

    /// The seconds and zone of a date after "HH:MM": ":SS", ".fraction", "Z" or "±HH:MM", in any
    /// combination exiftool prints; used to tell an impossible date in exiftool's form (kept as
    /// text, no instant) from text in another form.
    private static func looksLikeDateTail(_ tail: ArraySlice<Character>) -> Bool {
        tail.allSatisfy { $0.isASCII && ($0.isNumber || ":.+-Z".contains($0)) }
    }

    private static func trim(_ text: some StringProtocol) -> String {
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" || first == "\n" || first == "\r" {
            scalars.removeFirst()
        }
        while let last = scalars.last, last == " " || last == "\t" || last == "\n" || last == "\r" {
            scalars.removeLast()
        }
        return String(String.UnicodeScalarView(scalars))
    }
}
