import Crawling
import Testing

/// The calendar trap guard: dates in URLs outside the allowed years are not followed; ids that
/// only look like years are.
@Suite struct CalendarTrapTests {
    static let scope: CrawlScope = {
        let seed = CrawlURL("https://example.org/")
        var scope = CrawlScope(mode: .host, seeds: seed.map { [$0] } ?? [])
        scope.calendarYears = 2000...2030
        return scope
    }()

    @Test(arguments: [
        ("https://example.org/events/2031/05/", true), ("https://example.org/cal?month=2099-01", true),
        ("https://example.org/archive/1999-12-31", true), ("https://example.org/list?year=1900&page=2", true),
        ("https://example.org/cal/2026-11", false), ("https://example.org/2024/06/post-title", false),
        ("https://example.org/p/1234", false), ("https://example.org/p/9999/replies", false),
        ("https://example.org/item?id=3000", false), ("https://example.org/v/2031-abc", false),
    ])
    func datesOutsideTheYearsAreTraps(url: String, isTrap: Bool) throws {
        let parsed = try #require(CrawlURL(url))
        let exclusion = Self.scope.exclusion(of: parsed, depth: 1)
        if isTrap {
            #expect(
                exclusion?.description.contains("calendar date") == true, "\(url): \(String(describing: exclusion))")
        } else {
            #expect(exclusion == nil, "\(url): \(String(describing: exclusion))")
        }
    }

    @Test func theGuardCanBeTurnedOff() throws {
        var scope = Self.scope
        scope.calendarYears = nil
        #expect(scope.exclusion(of: try #require(CrawlURL("https://example.org/cal?month=2099-01")), depth: 1) == nil)
    }
}
