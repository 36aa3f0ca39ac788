import ArgumentParser
import Testing

@testable import VestigeCLI

/// `SearchFilterOptions.isFiltered`, which decides whether `vestige export` writes the hits or the
/// whole archive (and whether `search --batch` refuses options).
@Suite struct SearchFilterOptionsTests {
    static let selecting: [[String]] = [
        ["flood"], ["--near", "1,2", "--radius-km", "3"], ["--bbox", "0,0,1,1"], ["--since", "2021-01-01"],
        ["--until", "2021-01-01"], ["--author", "alice"], ["--has-gps"], ["--deleted"], ["--history"],
        ["--kind", "post"], ["--limit", "5"], ["--limit", "0"],
        // Options that build no request are given options all the same.
        ["--radius-km", "3"], ["--near", "1,2"], ["--author", "@"],
    ]

    @Test(arguments: selecting)
    func aQueryAFilterOrALimitSelectsHits(arguments: [String]) throws {
        #expect(try SearchFilterOptions.parse(arguments).isFiltered)
    }

    @Test(arguments: [
        [], ["--sort", "time"], ["--include-null-island"], ["--sort", "relevance", "--include-null-island"],
    ])
    func orderAndNullIslandAloneSelectEverything(arguments: [String]) throws {
        #expect(try !SearchFilterOptions.parse(arguments).isFiltered)
    }

    @Test func everyOptionIsInOneOfTheTables() {
        let options = Mirror(reflecting: SearchFilterOptions()).children.compactMap(\.label).map {
            $0.hasPrefix("_") ? String($0.dropFirst()) : $0
        }
        let tested: Set<String> = [
            "query", "near", "radiusKm", "bbox", "since", "until", "author", "hasGPS", "deleted", "history", "kind",
            "limit", "sort", "includeNullIsland",
        ]
        #expect(Set(options) == tested, "a search option was added: add it to the tests above")
    }
}
