/// Why a WACZ's `datapackage.json` cannot be used to verify its entries.
struct WACZDatapackageError: Error, CustomStringConvertible {
    /// What is wrong.
    let message: String

    var description: String { message }
}
