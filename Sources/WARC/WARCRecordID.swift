/// Makes `WARC-Record-ID` values: `<urn:uuid:…>` with a random (version 4) UUID.
public enum WARCRecordID {
    /// A new random record id such as `<urn:uuid:0b6ad2f4-5d0e-4c8a-9a55-3f1f8c1f2e7d>`.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    /// A new record id drawn from `generator` (tests pass a seeded generator).
    public static func generate(using generator: inout some RandomNumberGenerator) -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = ASCII.hex(bytes)
        let chars = Array(hex)
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(chars[$0]) }
        return "<urn:uuid:" + groups.joined(separator: "-") + ">"
    }
}
