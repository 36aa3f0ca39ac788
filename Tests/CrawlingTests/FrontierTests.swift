import ArchiveIndex
import Crawling
import Foundation
import Testing

@Suite struct FrontierTests {
    func makeFrontier() throws -> (Frontier, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vestige-frontier-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let database = try ArchiveDatabase(path: dir.appendingPathComponent("archive.sqlite").path)
        return (Frontier(database: database), dir)
    }

    @Test func deduplicatesAndClaimsPolitely() throws {
        let (frontier, dir) = try makeFrontier()
        defer { try? FileManager.default.removeItem(at: dir) }
        let urls = ["http://a.test/1", "http://a.test/2", "http://a.test/3", "http://b.test/1", "http://A.test/1#x"]
            .compactMap { CrawlURL($0) }
        #expect(try frontier.add(urls, depth: 0) == 4)
        #expect(try frontier.add(urls, depth: 0) == 0)
        let first = try frontier.claim(limit: 10, perOrigin: 1)
        #expect(Set(first.map(\.origin)) == ["http://a.test", "http://b.test"])
        let second = try frontier.claim(limit: 10, perOrigin: 1, busyOrigins: ["http://a.test"])
        #expect(second.isEmpty)
        try frontier.mark(first[0].id, .done)
        try frontier.mark(first[1].id, .retry, reason: "429", retryAt: Date().addingTimeInterval(3600))
        #expect(try frontier.counts()[.done] == 1)
        #expect(try frontier.claim(limit: 10, perOrigin: 5).count == 2, "the retry is not due yet")
        #expect(try frontier.requeueInFlight() == 2)
        #expect(try frontier.counts()[.queued] == 2)
        #expect(try frontier.nextRetryDate() != nil)
    }
}
