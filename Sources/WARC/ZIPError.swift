/// Why a ZIP archive or one of its entries cannot be read, naming the archive and the entry.
public enum ZIPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No end-of-central-directory record: not a ZIP file, or cut short.
    case notAZip(path: String, reason: String)
    /// The archive's structure is inconsistent (offsets out of bounds, overlapping entries,
    /// a local header that disagrees with the central directory).
    case malformed(path: String, reason: String)
    /// An entry uses something this reader does not support (encryption, a method other than
    /// stored or deflate, archives split over several disks).
    case unsupported(path: String, entry: String?, reason: String)
    /// A count or size passes a `ZIPReaderLimits` cap.
    case limitExceeded(path: String, entry: String?, reason: String)
    /// An entry name that could write outside the folder it is unpacked into (`..`, `/`, `\`).
    case unsafeName(path: String, entry: String)
    /// The inflated bytes do not match the entry's CRC-32.
    case crcMismatch(path: String, entry: String, expected: UInt32, actual: UInt32)
    /// The entry inflates to another size than the central directory says.
    case sizeMismatch(path: String, entry: String, expected: UInt64, actual: UInt64)
    /// The deflate stream of an entry is corrupt.
    case corruptData(path: String, entry: String, reason: String)
    /// No entry of that name.
    case noSuchEntry(path: String, entry: String)
    /// A read or write failed.
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case .notAZip(let path, let reason):
            "\(path): not a ZIP archive (\(reason))"
        case .malformed(let path, let reason):
            "\(path): damaged ZIP archive: \(reason)"
        case .unsupported(let path, let entry, let reason):
            "\(path)\(entry.map { ": \($0)" } ?? ""): unsupported: \(reason)"
        case .limitExceeded(let path, let entry, let reason):
            "\(path)\(entry.map { ": \($0)" } ?? ""): refused: \(reason)"
        case .unsafeName(let path, let entry):
            "\(path): entry name \(entry.debugDescription) could write outside the folder it is unpacked into; refused"
        case .crcMismatch(let path, let entry, let expected, let actual):
            "\(path): \(entry): CRC-32 is \(Self.hex(actual)) where the archive says \(Self.hex(expected)): "
                + "the entry is damaged"
        case .sizeMismatch(let path, let entry, let expected, let actual):
            "\(path): \(entry): \(actual) bytes where the archive says \(expected): the entry is damaged"
        case .corruptData(let path, let entry, let reason):
            "\(path): \(entry): compressed data is corrupt: \(reason)"
        case .noSuchEntry(let path, let entry):
            "\(path): no entry \(entry)"
        case .io(let path, let reason):
            "\(path): \(reason)"
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
