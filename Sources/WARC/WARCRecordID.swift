/// Makes `WARC-Record-ID` values: `<urn:uuid:…>` with a random (version 4) UUID.
public enum WARCRecordID {
    /// A new random record id such as `<urn:uuid:0b6ad2f4-5d0e-4c8a-9a55-3f1f8c1f2e7d>`.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    /// A new record id drawn from `generator` (tests pass a seeded generator).
    public static func generate(using generator: inout some RandomNumberGenerator) -> String {
        // Two 64-bit draws (two getrandom calls), not one per byte: three ids per archived page.
        let high = generator.next()
        let low = generator.next()
        var bytes = (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * $0)) }
        bytes += (0..<8).map { UInt8(truncatingIfNeeded: low >> (56 - 8 * $0)) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        var text = Array("<urn:uuid:".utf8)
        text.reserveCapacity(47)
        let digits = Array("0123456789abcdef".utf8)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        text.append(UInt8(ascii: ">"))
        return String(decoding: text, as: UTF8.self)
    }
}
