import ArchiveIndex
import Testing

@Suite struct TimestampTests {
    @Test(
        arguments: [
            ("2021-01-06T13:30:00-05:00", "2021-01-06T18:30:00Z", "-05:00"),
            ("2021-01-06T18:30:00Z", "2021-01-06T18:30:00Z", nil),
            ("2021-01-06", "2021-01-06T00:00:00Z", nil),
            ("2021-01-06 18:30", "2021-01-06T18:30:00Z", nil),
            ("2021-01-06T23:30:00-05:00", "2021-01-07T04:30:00Z", "-05:00"),
            ("2021-01-01T01:00:00+0530", "2020-12-31T19:30:00Z", "+05:30"),
            ("2021-01-06T18:00:00.500Z", "2021-01-06T18:00:00.5Z", nil),
            ("2020-02-29T12:00:00+00:00", "2020-02-29T12:00:00Z", "+00:00"),
            ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z", nil),
        ] as [(String, String, String?)])
    func parsesToUTC(text: String, utc: String, offset: String?) throws {
        let instant = try #require(Timestamp(parsing: text))
        #expect(instant.utcText == utc)
        #expect(instant.offsetText == offset)
    }

    @Test(arguments: [
        "notadate", "2021-02-30", "2021-13-01", "2021-01-06T25:00Z", "2021-01-06T12:00:00+25:00", "2021-1-6", "",
    ])
    func rejectsBadText(text: String) {
        #expect(Timestamp(parsing: text) == nil)
    }

    @Test func ordersFractions() throws {
        let whole = try #require(Timestamp(parsing: "2021-01-06T18:00:00Z"))
        let half = try #require(Timestamp(parsing: "2021-01-06T18:00:00.5Z"))
        let later = try #require(Timestamp(parsing: "2021-01-06T18:00:01Z"))
        #expect(whole < half && half < later)
    }
}
