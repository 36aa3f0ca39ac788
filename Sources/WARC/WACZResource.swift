/// One file of a WACZ package as `datapackage.json` lists it.
public struct WACZResource: Sendable, Hashable {
    /// The resource name (the file name, lower-cased, as Frictionless data packages want it).
    public var name: String
    /// The entry path inside the ZIP, such as `archive/data.warc.gz`.
    public var path: String
    /// `sha256:` and 64 hex digits.
    public var hash: String
    /// Size in bytes.
    public var bytes: Int64
}
