import BinaryParsing
import Foundation
import MediaMetadata
import Testing

/// Every file of the shared sample corpus against exiftool 12.57's output (`expected.json`).
@Suite struct SampleCorpusTests {
    static let corpus: [ExpectedFile] = {
        guard let samples = TestData.sharedSamples else { return [] }
        return (try? ExpectedFile.load(samples.appendingPathComponent("expected.json"))) ?? []
    }()

    @Test func corpusIsPresent() throws {
        // CI lays ../shared beside the checkout; a missing corpus must not pass silently.
        try #require(TestData.sharedSamples != nil, "../shared/samples not found beside the checkout")
        #expect(Self.corpus.count == 121)
    }

    @Test(arguments: corpus)
    func matchesExiftool(_ expected: ExpectedFile) throws {
        let samples = try #require(TestData.sharedSamples)
        let path = samples.appendingPathComponent(expected.sourceFile).path
        let metadata = try MetadataExtractor.extract(from: FileByteSource(path: path), fileName: path)
        // loci stores 16.16 fixed point; exiftool prints 5 decimals.
        let tolerance = expected.sourceFile.contains("loci") ? 1e-4 : 1e-6
        let problems = expected.differences(from: metadata, tolerance: tolerance)
        #expect(problems.isEmpty, "\(expected.sourceFile): \(problems.joined(separator: "; "))")
    }
}
