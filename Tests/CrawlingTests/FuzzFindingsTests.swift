import Crawling
import Foundation
import FuzzFindings
import HTMLParsing
import Testing

/// Replays every input the fuzzer stored in Fuzz/Findings/html (scripts/fuzz --target html): each
/// must now be parsed or rejected quickly, never trap. A new finding becomes a case here by being
/// copied into that folder.
@Suite struct HTMLFuzzFindingsTests {
    @Test func everyStoredFindingIsHandled() throws {
        for (name, bytes) in try FuzzFindings.inputs("html") {
            let start = ContinuousClock.now
            let base = try #require(CrawlURL("https://example.org/dir/page.html"))
            _ = LinkExtractor.extract(html: bytes, base: base)
            _ = HTMLDocument(bytes, url: base.string)?.visibleText(limit: 64 << 10)
            #expect(ContinuousClock.now - start < .seconds(5), "\(name) took \(ContinuousClock.now - start)")
        }
    }
}
