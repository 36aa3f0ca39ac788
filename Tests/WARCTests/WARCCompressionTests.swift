import Testing
import WARC

@Suite struct WARCCompressionTests {
    @Test(
        arguments: [
            ("a.warc", ".warc"), ("a.warc.gz", ".warc.gz"), ("A.WARC.ZST", ".warc.zst"), ("x.warc.gz.part", nil),
            ("warc", nil), ("a.gz", nil),
        ] as [(String, String?)])
    func fileSuffixes(name: String, suffix: String?) {
        #expect(WARCCompression.fileSuffix(of: name) == suffix)
    }

    @Test func everyCompressionHasItsSuffix() {
        #expect(Set(WARCCompression.fileSuffixes) == [".warc", ".warc.gz", ".warc.zst"])
    }
}
