extension WebPParser {
    /// The frames of an animated WebP, summed into exiftool's Duration.
    ///
    /// exiftool 12.57 reads each ANMF duration as a 32-bit word masked with 0x0FFF, i.e. the low
    /// 12 bits of the 24-bit field, so a frame of 4096 ms or more counts modulo 4096. vestige prints
    /// the same number (its output contract is exiftool's) and warns with the true sum.
    struct Animation {
        var frames = 0
        /// Sum of the durations as exiftool counts them, in milliseconds.
        var exiftoolMilliseconds = 0
        /// Sum of the 24-bit durations as stored.
        var storedMilliseconds = 0
        var firstSource: String?

        mutating func add(frame header: [UInt8], at offset: Int, into metadata: inout MediaMetadata) {
            guard let stored = WebPParser.uint24(header, at: 12) else {
                metadata.warn("WebP ANMF chunk at offset \(offset) is too short for a frame header")
                return
            }
            frames += 1
            firstSource = firstSource ?? "WebP:ANMF"
            let counted = Int(stored & 0x0FFF)
            if counted != Int(stored) {
                metadata.warn(
                    "WebP frame \(frames) lasts \(stored) ms; counted as \(counted) ms, the low 12 bits, as exiftool does"
                )
            }
            exiftoolMilliseconds += counted
            storedMilliseconds += Int(stored)
        }

        func apply(to metadata: inout MediaMetadata) {
            guard frames > 0, let source = firstSource else { return }
            let value: MetadataValue =
                exiftoolMilliseconds % 1000 == 0
                ? .integer(Int64(exiftoolMilliseconds / 1000)) : .real(Double(exiftoolMilliseconds) / 1000)
            metadata.set(.duration, value, source: "\(source) (\(frames) frames)")
            if storedMilliseconds != exiftoolMilliseconds {
                metadata.warn("WebP animation: Duration is \(Double(storedMilliseconds) / 1000) s as stored")
            }
        }
    }
}
