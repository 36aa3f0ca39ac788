import ArchiveIndex
import Testing

/// exiftool's printed values, formatted and with `-n`, read back into numbers and dates.
@Suite struct ExifToolValueParserTests {
    static func close(_ a: Double?, _ b: Double, within tolerance: Double = 1e-9) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance
    }

    static let angleCases: [(String, Double, Bool)] = [
        ("38 deg 53' 23.04\" N", 38 + 53.0 / 60 + 23.04 / 3600, true),
        ("77 deg 0' 32.56\" W", -(77 + 32.56 / 3600), true),
        ("49 deg 34' 42.96\" S", -(49 + 34.0 / 60 + 42.96 / 3600), true),
        ("0 deg 22' 16.68\" S", -(22.0 / 60 + 16.68 / 3600), true),
        ("43 deg 28' 2.81\"", 43 + 28.0 / 60 + 2.81 / 3600, false),
        ("38 deg 53.384' N", 38 + 53.384 / 60, true),
        ("38°53′23.04″N", 38 + 53.0 / 60 + 23.04 / 3600, true),
        ("38 deg 53' 23.04'' N", 38 + 53.0 / 60 + 23.04 / 3600, true),
        ("40,41.352N", 40 + 41.352 / 60, true),
        ("74,2.67W", -(74 + 2.67 / 60), true),
        ("38.8897 N", 38.8897, true),
        ("48.8584", 48.8584, false),
        ("-49.5786", -49.5786, true),
        ("+12.5", 12.5, true),
        ("1e-05", 1e-05, false),
        ("0 deg 0' 0.00\" N", 0, true),
        ("  2 deg 17' 40.20\" E  ", 2 + 17.0 / 60 + 40.2 / 3600, true),
    ]

    @Test(arguments: angleCases)
    func anglesInEveryForm(text: String, degrees: Double, signed: Bool) throws {
        let angle = try #require(ExifToolValueParser.angle(text), "\(text)")
        #expect(Self.close(angle.degrees, degrees), "\(text): \(angle.degrees)")
        #expect(angle.isSigned == signed, "\(text)")
    }

    @Test func hemisphereLettersNameTheirAxis() throws {
        #expect(try #require(ExifToolValueParser.angle("38 deg N")).axis == .latitude)
        #expect(try #require(ExifToolValueParser.angle("38 deg South")).axis == .latitude)
        #expect(try #require(ExifToolValueParser.angle("77 deg W")).axis == .longitude)
        #expect(try #require(ExifToolValueParser.angle("-77.5")).axis == nil)
    }

    @Test(arguments: [
        "", "inf", "-inf", "nan", "undef", "n/a", "38 deg 61' 0\" N", "38 deg 53' 60\" N", "-38 deg N", "38.5 deg 30'",
        "38 deg 53' 23.04\" X", "38 deg 53' 23.04\" N extra", "200", "181 deg W", "1.2.3", "deg", "N", "38 N 53",
        "38 deg 53' 23.04\" 10", "\u{0}", "38 deg 53' 23.04\" N, 77 deg W",
    ])
    func unusableAnglesAreNil(text: String) {
        #expect(ExifToolValueParser.angle(text) == nil, "\(text)")
    }

    @Test func positionsFormattedAndNumeric() throws {
        let formatted = try #require(ExifToolValueParser.position("38 deg 53' 23.04\" N, 77 deg 0' 32.56\" W"))
        #expect(Self.close(formatted.latitude, 38.889733333, within: 1e-8))
        #expect(Self.close(formatted.longitude, -77.009044444, within: 1e-8))
        #expect(formatted.altitude == nil)
        let withAltitude = try #require(
            ExifToolValueParser.position("33 deg 30' 0.00\" S, 70 deg 15' 0.00\" W, 12 m Below Sea Level"))
        #expect(withAltitude.latitude == -33.5 && withAltitude.longitude == -70.25)
        #expect(withAltitude.altitude == ExifToolAltitude(metres: -12, reference: .below))
        let numeric = try #require(ExifToolValueParser.position("-33.5 -70.25 -12"))
        #expect(numeric.latitude == -33.5 && numeric.longitude == -70.25 && numeric.altitude?.metres == -12)
        let pair = try #require(ExifToolValueParser.position("48.8584 2.2945"))
        #expect(pair.latitude == 48.8584 && pair.longitude == 2.2945)
        // The letters decide which part is which.
        let swapped = try #require(ExifToolValueParser.position("77 deg 0' 0\" W, 38 deg 30' 0\" N"))
        #expect(swapped.latitude == 38.5 && swapped.longitude == -77)
        for bad in ["", "91 0", "1 2 3 4", "48.8584", "inf inf", "38 deg N, 39 deg S", "10 deg E, 20 deg W", "1, 2, x"]
        {
            #expect(ExifToolValueParser.position(bad) == nil, "\(bad)")
        }
    }

    static let altitudeCases: [(String, Double, ExifToolAltitude.Reference?)] = [
        ("139 m Above Sea Level", 139.0, .above),
        ("12 m Below Sea Level", -12.0, .below),
        ("105 m Below Sea Level", -105.0, .below),
        ("35 m", 35.0, nil), ("12.5 m", 12.5, nil), ("-105", -105.0, nil), ("35", 35.0, nil), ("0 m", 0.0, nil),
    ]

    @Test(arguments: altitudeCases)
    func altitudes(text: String, metres: Double, reference: ExifToolAltitude.Reference?) throws {
        let altitude = try #require(ExifToolValueParser.altitude(text), "\(text)")
        #expect(altitude.metres == metres && altitude.reference == reference, "\(text)")
    }

    @Test(arguments: ["inf", "", "undef", "m", "Above Sea Level", "12 ft", "nan m"])
    func unusableAltitudesAreNil(text: String) {
        #expect(ExifToolValueParser.altitude(text) == nil, "\(text)")
    }

    static let durationCases: [(String, Double)] = [
        ("12.5 s", 12.5), ("2.00 s", 2.0), ("0 s", 0.0), ("0:01:02", 62.0), ("1:02:03", 3723.0), ("0:00:30", 30.0),
        ("1 days 2:03:04", 93_784.0), ("0:03:25 (approx)", 205.0), ("12.5 s (approx)", 12.5), ("12.5", 12.5),
        ("2", 2.0), ("-0:00:31", -31.0), ("1:02", 62.0),
    ]

    @Test(arguments: durationCases)
    func durations(text: String, seconds: Double) {
        #expect(ExifToolValueParser.duration(text) == seconds, "\(text)")
    }

    @Test(arguments: ["", "abc", "0:61:00", "1:2:3:4", "s", "1 weeks 0:00:01", "x days 1:00:00", "1::2", "inf s"])
    func unusableDurationsAreNil(text: String) {
        #expect(ExifToolValueParser.duration(text) == nil, "\(text)")
    }

    @Test func datesWithAndWithoutZones() throws {
        let local = try #require(ExifToolValueParser.date("2021:01:06 14:05:10"))
        #expect(local.text == "2021:01:06 14:05:10" && !local.hasZone)
        #expect(local.instant?.utcText == "2021-01-06T14:05:10Z")
        let offset = try #require(ExifToolValueParser.date("2021:01:06 14:05:10-05:00"))
        #expect(offset.hasZone && offset.instant?.utcText == "2021-01-06T19:05:10Z")
        #expect(offset.instant?.offsetText == "-05:00")
        let utc = try #require(ExifToolValueParser.date("2021:01:06 19:05:10Z"))
        #expect(utc.hasZone && utc.instant?.utcText == "2021-01-06T19:05:10Z")
        let fraction = try #require(ExifToolValueParser.date("2008:10:23 14:27:07.24Z"))
        #expect(fraction.instant?.utcText == "2008-10-23T14:27:07.24Z")
        let zero = try #require(ExifToolValueParser.date("0000:00:00 00:00:00"))
        #expect(zero.text == "0000:00:00 00:00:00" && zero.instant == nil)
        let dayOnly = try #require(ExifToolValueParser.date("2021:01:06"))
        #expect(dayOnly.instant?.utcText == "2021-01-06T00:00:00Z")
        let dst = try #require(ExifToolValueParser.date("2021:07:06 14:05:10+02:00 DST"))
        #expect(dst.text == "2021:07:06 14:05:10+02:00" && dst.instant?.utcText == "2021-07-06T12:05:10Z")
        let impossible = try #require(ExifToolValueParser.date("2021:13:45 10:00:00"))
        #expect(impossible.instant == nil)
        for other in [
            "", "06/01/2021 14:05", "2021-01-06T14:05:10Z", "2021:01:06T14:05:10", "Wed Jan 6 2021", "2021:1:6",
        ] {
            #expect(ExifToolValueParser.date(other) == nil, "\(other)")
        }
    }

    @Test func offsetsSizesAndNumbers() {
        #expect(ExifToolValueParser.offset("+02:00") == "+02:00")
        #expect(ExifToolValueParser.offset(" -03:00 ") == "-03:00")
        #expect(ExifToolValueParser.offset("Z") == "Z")
        for bad in ["+2:00", "+25:00", "02:00", "+02:60", "", "+02:00:00"] {
            #expect(ExifToolValueParser.offset(bad) == nil, "\(bad)")
        }
        #expect(ExifToolValueParser.imageSize("1920x1080")?.width == 1920)
        #expect(ExifToolValueParser.imageSize("1920 1080")?.height == 1080)
        for bad in ["1920x", "axb", "1920x1080x3", "-1x2", "1.5x2", ""] {
            #expect(ExifToolValueParser.imageSize(bad) == nil, "\(bad)")
        }
        #expect(ExifToolValueParser.number("16.5") == 16.5)
        #expect(ExifToolValueParser.number("-105") == -105)
        #expect(ExifToolValueParser.number("1e-05") == 1e-05)
        for bad in ["inf", "nan", "", "0x10", "e", "-", "1,5", "Infinity", "1e999"] {
            #expect(ExifToolValueParser.number(bad) == nil, "\(bad)")
        }
    }

    /// Random and truncated input never traps, and what parses is finite.
    @Test func hostileTextNeverTraps() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789 .,:-+'\"°′″degNSEWmsxZabove()days\u{0}\u{FFFD}é")
        let seeds = [
            "38 deg 53' 23.04\" N, 77 deg 0' 32.56\" W, 139 m Above Sea Level", "2021:01:06 14:05:10.5-05:00",
            "1 days 2:03:04 (approx)",
        ]
        var inputs: [String] = []
        for seed in seeds { inputs += (0...seed.count).map { String(seed.prefix($0)) } }
        for _ in 0..<2000 {
            let length = Int.random(in: 0..<40, using: &generator)
            inputs.append(
                String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }))
        }
        for text in inputs {
            if let angle = ExifToolValueParser.angle(text) {
                #expect(angle.degrees.isFinite && abs(angle.degrees) <= 180)
            }
            if let position = ExifToolValueParser.position(text) {
                #expect(abs(position.latitude) <= 90 && abs(position.longitude) <= 180)
            }
            if let altitude = ExifToolValueParser.altitude(text) { #expect(altitude.metres.isFinite) }
            if let duration = ExifToolValueParser.duration(text) { #expect(duration.isFinite) }
            _ = ExifToolValueParser.date(text)
            _ = ExifToolValueParser.imageSize(text)
        }
    }
}
