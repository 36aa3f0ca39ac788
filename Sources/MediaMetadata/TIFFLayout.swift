extension TIFFParser {
    /// Field widths of classic TIFF and of BigTIFF (`II+\0` / `MM\0+`, version 43): BigTIFF widens
    /// entry counts to 8 bytes, IFD entries to 20 bytes (8-byte count and value/offset field) and
    /// every offset to 8 bytes, and adds types 16–18 (LONG8, SLONG8, IFD8).
    struct Layout: Equatable {
        /// Bytes of an IFD's entry count (2 or 8).
        let countSize: Int
        /// Bytes of one IFD entry (12 or 20).
        let entrySize: Int
        /// Bytes of an entry's count field (4 or 8).
        let valueCountSize: Int
        /// Bytes of an entry's value/offset field and of the next-IFD offset (4 or 8).
        let fieldSize: Int

        static let classic = Layout(countSize: 2, entrySize: 12, valueCountSize: 4, fieldSize: 4)
        static let big = Layout(countSize: 8, entrySize: 20, valueCountSize: 8, fieldSize: 8)

        var isBig: Bool { self == .big }

        /// Bytes of one value of TIFF field type `type`, nil for types vestige does not read.
        static func unitSize(of type: UInt16) -> Int? {
            switch type {
            case 1, 2, 6, 7: 1
            case 3, 8: 2
            case 4, 9, 11, 13: 4
            case 5, 10, 12, 16, 17, 18: 8
            default: nil
            }
        }
    }
}
