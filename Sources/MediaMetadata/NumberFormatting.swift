/// Number text in the forms exiftool prints, without Foundation.
enum NumberFormatting {
    /// Swift's shortest round-tripping form, with a trailing ".0" removed ("2", "48.8584").
    static func shortest(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "undef" : (value < 0 ? "-inf" : "inf") }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// `value` rounded to `digits` decimal places (exiftool rounds some conversions this way).
    static func rounded(_ value: Double, digits: Int) -> Double {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return (value * scale).rounded() / scale
    }

    /// Two-digit zero-padded decimal.
    static func twoDigits(_ value: Int) -> String {
        value < 10 && value >= 0 ? "0\(value)" : String(value)
    }

    /// Zero-padded decimal of at least `width` digits.
    static func padded(_ value: Int, width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
