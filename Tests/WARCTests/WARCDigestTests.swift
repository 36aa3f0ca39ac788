import Testing

@testable import WARC

@Suite struct WARCDigestTests {
    @Test func sha1OfEmptyInput() {
        #expect(WARCDigest.compute([UInt8]()).description == "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ")
    }

    @Test func sha1OfHello() {
        #expect(WARCDigest.compute(Array("hello".utf8)).description == "sha1:VL2MMHO4YXUKFWV63YHTWSBM3GXKSQ2N")
    }

    @Test func sha256IsPaddedBase32() {
        let digest = WARCDigest.compute(Array("hello".utf8), algorithm: .sha256)
        #expect(digest.description == "sha256:FTZE3OS7WCRQ4JXIHMVMLOPCTYNRMHS4D6TUEXTTAQZWFE4LTASA====")
        #expect(digest.hex == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
    }

    @Test func incrementalEqualsOneShot() {
        let data = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        for algorithm in WARCDigestAlgorithm.allCases {
            var digester = WARCDigester(algorithm: algorithm)
            var index = 0
            while index < data.count {
                let end = min(index + 777, data.count)
                digester.update(data[index..<end])
                index = end
            }
            #expect(digester.finalize() == WARCDigest.compute(data, algorithm: algorithm))
        }
    }

    @Test(arguments: [
        "sha1:VL2MMHO4YXUKFWV63YHTWSBM3GXKSQ2N",
        "SHA1:vl2mmho4yxukfwv63yhtwsbm3gxksq2n",
        "sha-1:aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d",
        "sha1:qvTGHdzF6KLavt4PO0gs2a6pQ00=",
    ])
    func parsesEveryEncodingOfTheSameDigest(text: String) {
        #expect(WARCDigest(parsing: text) == WARCDigest.compute(Array("hello".utf8)))
    }

    @Test func parsesSha256WithAndWithoutPadding() {
        let expected = WARCDigest.compute(Array("hello".utf8), algorithm: .sha256)
        #expect(WARCDigest(parsing: "sha256:FTZE3OS7WCRQ4JXIHMVMLOPCTYNRMHS4D6TUEXTTAQZWFE4LTASA====") == expected)
        #expect(WARCDigest(parsing: "sha256:FTZE3OS7WCRQ4JXIHMVMLOPCTYNRMHS4D6TUEXTTAQZWFE4LTASA") == expected)
        #expect(WARCDigest(parsing: "sha256:" + expected.hex) == expected)
    }

    @Test(arguments: ["", "sha1", "md5:abc", "sha1:tooshort", "sha1:VL2MMHO4YXUKFWV63YHTWSBM3GXKSQ2!"])
    func rejectsBadDigests(text: String) {
        #expect(WARCDigest(parsing: text) == nil)
    }

    @Test func base32RoundTrips() {
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) }
            #expect(Base32.decode(Base32.encode(bytes, padding: true)) == bytes)
            #expect(Base32.decode(Base32.encode(bytes, padding: false)) == bytes)
        }
    }
}
