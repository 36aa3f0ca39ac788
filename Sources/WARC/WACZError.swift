/// Why a WACZ package, or one of its entries, cannot be imported; every case names the package.
public enum WACZError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The ZIP layer failed (structure, CRC, limits, unsafe names).
    case zip(ZIPError)
    /// A ZIP archive that is no WACZ (no `datapackage.json`).
    case notWACZ(path: String, reason: String)
    /// An entry's SHA-256 differs from the one `datapackage.json` lists for it.
    case hashMismatch(path: String, entry: String, expected: String, actual: String)
    /// A copy of the entry already exists under the destination name with other bytes.
    case existingCopyDiffers(path: String, entry: String, destination: String)
    /// Writing the copy failed.
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case .zip(let error):
            "\(error)"
        case .notWACZ(let path, let reason):
            "\(path): not a WACZ package: \(reason)"
        case .hashMismatch(let path, let entry, let expected, let actual):
            "\(path): \(entry): SHA-256 is \(actual) where datapackage.json says \(expected): "
                + "the entry was changed or damaged after the package was made; it was not imported"
        case .existingCopyDiffers(let path, let entry, let destination):
            "\(path): \(entry): \(destination) already exists with other bytes; it was left alone "
                + "(move it away and import again)"
        case .io(let path, let reason):
            "\(path): \(reason)"
        }
    }
}
