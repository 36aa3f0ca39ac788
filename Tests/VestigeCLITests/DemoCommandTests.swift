import ArchiveIndex
import Crawling
import Foundation
import Testing
import VestigeCLI

/// `vestige demo` end to end on the small sample data: platform → crawl → index → search.
@Suite struct DemoCommandTests {
    @Test func demoArchivesIndexesAndFinds() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vestige-demo-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var demo = try DemoCommand.parse(["--dir", folder, "--data", root.appendingPathComponent("Samples").path])
        try await demo.run()

        let searcher = try ArchiveSearcher(path: ArchiveLayout(directory: folder).databasePath)
        var word = SearchRequest(query: try SearchQueryParser.parse("uber"))
        word.kinds = [.page]
        #expect(try !searcher.search(word).isEmpty, "no page mentions 'über'")
        word.kinds = [.post]
        let posts = try searcher.search(word)
        #expect(!posts.isEmpty, "no post mentions 'über'")
        #expect(posts.allSatisfy { $0.author != nil && $0.createdAt != nil && $0.recordID != nil })
        var place = SearchRequest()
        place.near = try GeoCircle(latitude: 43.467, longitude: 11.885, radiusKilometres: 2)
        place.kinds = [.media]
        let nearby = try searcher.search(place)
        #expect(!nearby.isEmpty)
        #expect(nearby.allSatisfy { $0.warcFile != nil && $0.warcOffset != nil && $0.recordID != nil })
        // robots.txt of the sample platform disallows /admin/: never archived.
        let admin = try searcher.search(SearchRequest(query: try SearchQueryParser.parse("admin")))
        #expect(admin.allSatisfy { !($0.url ?? "").contains("/admin/") })
    }
}
