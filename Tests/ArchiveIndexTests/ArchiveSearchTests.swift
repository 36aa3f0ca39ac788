import ArchiveIndex
import Foundation
import GRDB
import Testing

/// Planted cases for every filter and their combinations (see `PlantedArchive` for the corpus).
@Suite struct ArchiveSearchTests {
    let archive: PlantedArchive

    init() throws { archive = try PlantedArchive() }

    // MARK: Text

    @Test(arguments: [
        ("Munchen", [1]), ("münchen", [1]), ("MÜNCHEN", [1]), ("grusse OR gruße", [1]),
        ("#oktoberfest", [1]), ("#Oktoberfest", [1]), ("oktoberfest", [1]), ("@hans_m", [1]), ("hans_m", [1]),
        ("#travel", [4, 5]),
        (#""river bank""#, [8]), ("river bank", [8, 9]), ("river OR sunrise", [3, 4, 8, 9]), ("river NOT bank", [3]),
        ("Munch*", [1]), ("Muni*", [10]), (#""river ba"*"#, [8]), ("(sunrise OR sunset) #travel", [4, 5]),
        ("alice", [1, 10]),
        ("null island", [2]), ("nothingmatchesthis", []),
    ])
    func textQueries(query: String, expected: [Int]) throws {
        defer { archive.remove() }
        #expect(try archive.postIDs(query) == expected, "\(query)")
    }

    @Test func snippetsHighlightTheMatch() throws {
        defer { archive.remove() }
        let hits = try ArchiveSearcher(path: archive.databasePath).search(
            PlantedArchive.request("munchen"))
        let hit = try #require(hits.first)
        #expect(hit.snippet(open: "[", close: "]")?.contains("[München]") == true)
        #expect(hit.score != nil)
        #expect(hit.sourceFile?.hasSuffix("dump.jsonl") == true)
        #expect(hit.sourceLine == 1)
        #expect(hit.payloadDigest?.hasPrefix("sha256:") == true)
        #expect(hit.createdAt == "2021-01-06T18:30:00Z")
        #expect(hit.createdOffset == "-05:00")
    }

    // MARK: Time

    @Test(
        arguments: [
            ("2021-01-06T18:00Z", nil, [1, 3, 5, 6, 7, 8, 10]),
            (nil, "2021-01-06T18:00Z", [2, 4, 9]),
            ("2021-01-06T13:00:00-05:00", nil, [1, 3, 5, 6, 7, 8, 10]),
            ("2021-01-06T18:00:00.5Z", nil, [1, 3, 6, 7, 8, 10]),
            (nil, "2021-01-06T18:00:00.5Z", [2, 4, 5, 9]),
            (nil, "2021-01-06T18:00:00.25Z", [2, 4, 5, 9]),
            ("2021-01-06T18:00:00.75Z", nil, [1, 3, 6, 7, 10]),
            ("2021-01-07", nil, [3, 6, 7, 10]),
            ("2021-01-06", "2021-01-07", [1, 4, 5, 8]),
            ("2021-01-08T09:59:59Z", "2021-01-08T10:00:01Z", [6]),
        ] as [(String?, String?, [Int])])
    func sinceIsInclusiveUntilExclusive(since: String?, until: String?, expected: [Int]) throws {
        defer { archive.remove() }
        let request = try PlantedArchive.request { request in
            request.since = since.flatMap { Timestamp(parsing: $0) }
            request.until = until.flatMap { Timestamp(parsing: $0) }
        }
        #expect(try archive.postIDs(request) == expected)
    }

    // MARK: Place

    @Test(
        arguments: [
            ("11,48,12,49", false, [1, 10]),
            ("179,-20,-171,-10", false, [4, 5]),
            ("170,-20,180,-10", false, [4]),
            ("-180,-20,-171,-10", false, [5]),
            ("-1,-1,1,1", false, []),
            ("-1,-1,1,1", true, [2]),
            ("11.575,48.137,11.575,48.137", false, [1]),
            ("-180,-90,180,90", false, [1, 4, 5, 6, 7, 8, 10]),
        ] as [(String, Bool, [Int])])
    func boundingBoxes(bbox: String, includeNullIsland: Bool, expected: [Int]) throws {
        defer { archive.remove() }
        let request = try PlantedArchive.request { request in
            request.bbox = try GeoBox(parsing: bbox)
            request.includeNullIsland = includeNullIsland
        }
        #expect(try archive.postIDs(request) == expected, "\(bbox)")
    }

    @Test(
        arguments: [
            (48.137, 11.575, 5.0, [1, 10]),
            (48.137, 11.575, 0.0, [1]),
            (-15.0, 180.0, 500.0, [4]),
            (-15.0, -180.0, 1000.0, [4, 5]),
            (90.0, 0.0, 50.0, [6, 7]),
            (89.95, 0.0, 20.0, [6, 7]),
            (-90.0, 0.0, 20000.0, [1, 4, 5, 8, 10]),
            (-90.0, 0.0, 20010.0, [1, 4, 5, 6, 7, 8, 10]),
            (0.0, 0.0, 10.0, []),
        ] as [(Double, Double, Double, [Int])])
    func nearUsesGreatCircleDistance(latitude: Double, longitude: Double, radius: Double, expected: [Int]) throws {
        defer { archive.remove() }
        let request = try PlantedArchive.request { request in
            request.near = try GeoCircle(latitude: latitude, longitude: longitude, radiusKilometres: radius)
        }
        #expect(try archive.postIDs(request) == expected, "\(latitude),\(longitude) r=\(radius)")
    }

    @Test func nearReportsDistances() throws {
        defer { archive.remove() }
        let request = try PlantedArchive.request {
            $0.near = try GeoCircle(latitude: -15, longitude: 180, radiusKilometres: 500)
        }
        let hit = try #require(try ArchiveSearcher(path: archive.databasePath).search(request).first)
        let expected = GeoCircle.distance(latitude1: -15, longitude1: 180, latitude2: -17.7, longitude2: 179.9)
        #expect(abs((hit.distanceKilometres ?? 0) - expected) < 1e-6)
        #expect(expected > 290 && expected < 310)
    }

    @Test func hasGPSLeavesOutNullIslandUnlessAsked() throws {
        defer { archive.remove() }
        #expect(try archive.postIDs(PlantedArchive.request { $0.hasGPS = true }) == [1, 4, 5, 6, 7, 8, 10])
        #expect(
            try archive.postIDs(
                PlantedArchive.request {
                    $0.hasGPS = true; $0.includeNullIsland = true
                }) == [1, 2, 4, 5, 6, 7, 8, 10])
        let island = try #require(
            try ArchiveSearcher(path: archive.databasePath).search(PlantedArchive.request("island")).first)
        #expect(island.nullIsland && island.latitude == 0 && island.longitude == 0)
    }

    // MARK: Deleted, author, combinations

    @Test func deletedPostsAreIncludedAndFlaggedOrSelected() throws {
        defer { archive.remove() }
        let all = try ArchiveSearcher(path: archive.databasePath).search(PlantedArchive.request("river"))
        #expect(all.first { $0.postID == "3" }?.deletedAt == "2021-02-01T00:00:00Z")
        #expect(all.first { $0.postID == "8" }?.deletedAt == nil)
        #expect(try archive.postIDs(PlantedArchive.request { $0.deletedOnly = true }) == [3])
        #expect(try archive.postIDs(PlantedArchive.request("river") { $0.deletedOnly = true }) == [3])
        #expect(try archive.postIDs(PlantedArchive.request("bank") { $0.deletedOnly = true }) == [])
    }

    @Test func combinations() throws {
        defer { archive.remove() }
        #expect(try archive.postIDs(PlantedArchive.request { $0.author = "alice" }) == [1, 10])
        #expect(try archive.postIDs(PlantedArchive.request { $0.author = "@ALICE" }) == [1, 10])
        #expect(
            try archive.postIDs(
                PlantedArchive.request("#travel") { $0.since = Timestamp(parsing: "2021-01-06T18:00Z") }) == [5])
        #expect(
            try archive.postIDs(
                PlantedArchive.request {
                    $0.hasGPS = true; $0.author = "alice"; $0.until = Timestamp(parsing: "2021-01-07")
                }) == [1])
        #expect(
            try archive.postIDs(
                PlantedArchive.request("munich OR munchen") { $0.bbox = try GeoBox(parsing: "11,48,12,49") }) == [
                    1, 10,
                ])
        #expect(
            try archive.postIDs(
                PlantedArchive.request("#travel") {
                    $0.near = try GeoCircle(latitude: -15, longitude: 180, radiusKilometres: 500)
                    $0.since = Timestamp(parsing: "2021-01-01")
                }) == [4])
        #expect(
            try archive.postIDs(PlantedArchive.request("river") { $0.bbox = try GeoBox(parsing: "-1,50,1,52") }) == [8])
    }

    @Test func sortsByTimeOrRelevanceAndLimits() throws {
        defer { archive.remove() }
        let searcher = try ArchiveSearcher(path: archive.databasePath)
        let newest = try searcher.search(PlantedArchive.request { $0.kinds = [.post] })
        #expect(newest.map(\.postID) == ["10", "7", "6", "3", "1", "8", "5", "4", "2", "9"])
        var limited = try PlantedArchive.request("river OR bank OR sunrise") { $0.sort = .time }
        limited.limit = 2
        #expect(try searcher.search(limited).map(\.postID) == ["3", "8"])
        var ranked = try PlantedArchive.request("river OR bank")
        ranked.limit = 1
        // Post 8 and 9 have both words; 3 only one: the top hit has both.
        let top = try #require(try searcher.search(ranked).first)
        #expect(top.postID == "8" || top.postID == "9")
        // A filter that the top-ranked hits fail still finds matches further down.
        var deep = try PlantedArchive.request("river OR bank") { $0.deletedOnly = true }
        deep.limit = 1
        #expect(try searcher.search(deep).map(\.postID) == ["3"])
    }

    // MARK: Safety

    @Test(arguments: [#""unbalanced"#, "*", "NEAR(", "a OR", "'; DROP TABLE posts; --", "NOT x", "x\")"])
    func hostileQueriesAreErrorsAndChangeNothing(query: String) throws {
        defer { archive.remove() }
        let before = try archive.fileBytes()
        #expect(throws: SearchQueryError.self) { try SearchQueryParser.parse(query) }
        // What a hostile user can get through the parser is only ever quoted terms.
        for text in ["DROP TABLE posts", "posts_fts MATCH", "\"; DELETE\""] {
            _ = try? archive.postIDs(text)
        }
        #expect(try archive.fileBytes() == before)
        #expect(try archive.counts()["posts"] == 10)
    }

    @Test func searcherIsReadOnly() throws {
        defer { archive.remove() }
        let before = try archive.fileBytes()
        let searcher = try ArchiveSearcher(path: archive.databasePath)
        _ = try searcher.search(PlantedArchive.request("river"))
        #expect(try archive.fileBytes() == before)
        #expect(throws: (any Error).self) {
            try ArchiveSearcher(path: archive.directory.appendingPathComponent("missing.sqlite").path)
        }
    }
}
