#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Number text the way Perl (and so exiftool) prints numbers.
enum NumberText {
    /// `%.15g`: Perl's default number formatting ("39.0513444444444", "2", "-105").
    static func perl(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "undef" : (value < 0 ? "-inf" : "inf") }
        var buffer = [CChar](repeating: 0, count: 48)
        let count = withVaList([value]) { arguments in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, 48, "%.15g", arguments) }
        }
        guard count > 0 else { return String(value) }
        return String(decoding: buffer.prefix(Int(count)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `%.*f` with the given decimals, for readable tables.
    static func fixed(_ value: Double, decimals: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let count = withVaList([Int32(decimals), value]) { arguments in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, 64, "%.*f", arguments) }
        }
        guard count > 0, count < 64 else { return String(value) }
        return String(decoding: buffer.prefix(Int(count)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
