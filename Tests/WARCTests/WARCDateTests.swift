import Testing
import WARC

@Suite struct WARCDateTests {
    @Test func formatsBothVersions() {
        let date = WARCDate(seconds: 1_795_617_000, nanoseconds: 123_456_789)
        #expect(date.warc11String == "2026-11-25T14:30:00.123456Z")
        #expect(date.warc10String == "2026-11-25T14:30:00Z")
        #expect(date.timestamp14 == "20261125143000")
    }

    @Test func fromDouble() {
        let date = WARCDate(secondsSince1970: 1_795_617_000.25)
        #expect(date.warc11String == "2026-11-25T14:30:00.250000Z")
    }

    @Test(arguments: [
        ("2026-11-25T14:30:00Z", "2026-11-25T14:30:00.000000Z"),
        ("2026-11-25T14:30:00.123456Z", "2026-11-25T14:30:00.123456Z"),
        ("2026-11-25T14:30:00.1Z", "2026-11-25T14:30:00.100000Z"),
        ("2026-11-25T14:30:00.123456789Z", "2026-11-25T14:30:00.123456Z"),
        ("2026-11-25T14:30:00", "2026-11-25T14:30:00.000000Z"),
        ("2026-11-25T14:30Z", "2026-11-25T14:30:00.000000Z"),
        ("2026-11-25", "2026-11-25T00:00:00.000000Z"),
        ("2026", "2026-01-01T00:00:00.000000Z"),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59.000000Z"),
        ("2024-02-29T00:00:00Z", "2024-02-29T00:00:00.000000Z"),
    ])
    func parses(text: String, expected: String) {
        #expect(WARCDate(parsing: text)?.warc11String == expected)
    }

    @Test(arguments: [
        "", "2026-13-01", "2025-02-29", "2026-11-25T25:00:00Z", "2026-11-25T14:30:00.Z",
        "20261125143000", "2026-11-25T14:30:00+01:00",
    ])
    func rejects(text: String) {
        #expect(WARCDate(parsing: text) == nil)
    }

    @Test func nowIsRecent() {
        #expect(WARCDate.now().seconds > 1_700_000_000)
    }
}
