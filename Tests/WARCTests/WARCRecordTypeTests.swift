import Testing
import WARC

@Suite struct WARCRecordTypeTests {
    @Test func namesAreTheStandardOnes() {
        #expect(WARCRecordType(rawValue: "revisit") == .revisit)
        #expect(WARCRecordType.allCases.count == 8)
    }
}
