/// A point in ISO 6709 text form, as QuickTime `©xyz` and Apple's location key store it:
/// `+48.8584+002.2945/` or `+48.8584+002.2945+035.000/` (latitude, longitude, optional altitude).
struct ISO6709: Equatable {
    var latitude: Double
    var longitude: Double
    var altitude: Double?

    /// Parses the decimal-degree form; nil for anything else (degree-minute forms are rare in video).
    init?(_ text: String) {
        var numbers: [Double] = []
        var current = ""
        for character in text {
            if character == "+" || character == "-" || character == "/" {
                if !current.isEmpty {
                    guard let value = Double(current), value.isFinite else { return nil }
                    numbers.append(value)
                }
                if character == "/" { break }
                current = String(character)
            } else if character.isASCIIDigit || character == "." {
                guard !current.isEmpty else { return nil }
                current.append(character)
            } else if character == " " || character == "\0" {
                continue
            } else {
                return nil
            }
            if numbers.count > 3 { return nil }
        }
        if !current.isEmpty, !text.contains("/") {
            guard let value = Double(current), value.isFinite else { return nil }
            numbers.append(value)
        }
        guard numbers.count >= 2, abs(numbers[0]) <= 90, abs(numbers[1]) <= 180 else { return nil }
        latitude = numbers[0]
        longitude = numbers[1]
        altitude = numbers.count > 2 ? numbers[2] : nil
    }
}
