import BinaryParsing
import Foundation
import MediaMetadata
import Testing

/// How many fields vestige reads as exiftool 12.57 does, over the sample corpus and every gap
/// fixture: prints "fields equal to exiftool: N of M (P%)" per set and in total.
///
/// A field counts once per file when exiftool or vestige reports it (ContentCreateDate only when
/// exiftool was asked for it); it is equal when `ExpectedFile.differences` has no line for it.
/// Deliberate differences count as unequal here; `GapFixtureTests` checks that they are the only ones.
@Suite struct AgreementReportTests {
    struct Tally {
        var equal = 0
        var total = 0
        var deliberate = 0

        var line: String {
            let percent = total == 0 ? 100 : Double(equal) / Double(total) * 100
            let tenths = Int((percent * 10).rounded())
            return "\(equal) of \(total) (\(tenths / 10).\(tenths % 10)%)"
        }

        mutating func add(_ expected: ExpectedFile, _ metadata: MediaMetadata?, allowed: [String] = []) {
            var fields = Set(expected.values.keys.filter { MetadataField(rawValue: $0) != nil })
            let problems = metadata.map { expected.differences(from: $0) } ?? fields.map { "\($0): missing" }
            for problem in problems {
                if let name = problem.split(separator: ":").first { fields.insert(String(name)) }
            }
            total += fields.count
            let unequal = Set(problems.compactMap { $0.split(separator: ":").first.map(String.init) })
            equal += fields.count - unequal.count
            deliberate += problems.filter { line in allowed.contains { line.hasPrefix($0) } }.count
        }
    }

    static func read(_ path: String) -> MediaMetadata? {
        try? MetadataExtractor.extract(from: FileByteSource(path: path), fileName: path)
    }

    @Test func printsAgreementWithExiftool() throws {
        var overall = Tally()
        var corpus = Tally()
        if let samples = TestData.sharedSamples {
            for expected in SampleCorpusTests.corpus {
                corpus.add(expected, Self.read(samples.appendingPathComponent(expected.sourceFile).path))
            }
            print("fields equal to exiftool: sample corpus (\(SampleCorpusTests.corpus.count) files): \(corpus.line)")
            overall.equal += corpus.equal
            overall.total += corpus.total
        }
        for gap in GapFixtures.gaps {
            var tally = Tally()
            let cases = GapFixtures.cases(gap)
            for fixture in cases {
                let allowed = GapFixtures.deliberateDifferences[fixture.key]?.lines ?? []
                tally.add(fixture.expected, Self.read(fixture.path), allowed: allowed)
            }
            let note = tally.deliberate > 0 ? ", \(tally.deliberate) of the unequal deliberate" : ""
            print("fields equal to exiftool: \(gap) (\(cases.count) files): \(tally.line)\(note)")
            overall.equal += tally.equal
            overall.total += tally.total
            overall.deliberate += tally.deliberate
        }
        print("fields equal to exiftool: all: \(overall.line), \(overall.deliberate) of the unequal deliberate")
        #expect(overall.total > 0)
    }
}
