import Testing

@testable import WARC

@Suite struct TimeStampRequestTests {
    @Test func derMatchesRFC3161Layout() {
        let digest = [UInt8](repeating: 0xAB, count: 32)
        let der = TimeStampRequest(sha256: digest, nonce: 0x80).der
        let expected: [UInt8] =
            [0x30, 0x3D, 0x02, 0x01, 0x01]  // SEQUENCE of 61 bytes, version 1
            + [0x30, 0x31, 0x30, 0x0D] + TimeStampRequest.sha256OID + [0x05, 0x00]  // imprint, sha256 + NULL
            + [0x04, 0x20] + digest  // hashedMessage
            + [0x02, 0x02, 0x00, 0x80]  // nonce: a leading 0 keeps it positive
            + [0x01, 0x01, 0xFF]  // certReq TRUE
        #expect(der == expected)
    }

    @Test func integersAreMinimalAndPositive() {
        #expect(TimeStampRequest.integer(1) == [0x02, 0x01, 0x01])
        #expect(TimeStampRequest.integer(0x7F) == [0x02, 0x01, 0x7F])
        #expect(TimeStampRequest.integer(0x0100) == [0x02, 0x02, 0x01, 0x00])
        #expect(TimeStampRequest.integer(UInt64.max) == [0x02, 0x09, 0x00] + [UInt8](repeating: 0xFF, count: 8))
        #expect(TimeStampRequest.tlv(0x04, [UInt8](repeating: 0, count: 200)).prefix(3) == [0x04, 0x81, 0xC8])
    }

    @Test func noncesDiffer() {
        let digest = [UInt8](repeating: 1, count: 32)
        #expect(TimeStampRequest(sha256: digest).nonce != TimeStampRequest(sha256: digest).nonce)
    }
}
