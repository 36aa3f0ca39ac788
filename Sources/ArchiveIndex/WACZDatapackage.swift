import WARC

/// What a WACZ's `datapackage.json` says about its entries: the SHA-256 of each resource, by
/// entry path (WACZ 1.1.1: `resources[].path` and `resources[].hash` = "sha256:HEX").
struct WACZDatapackage {
    /// Lower-case hex SHA-256 by entry path, for resources with a SHA-256 hash.
    var sha256: [String: String] = [:]
    /// Entry paths listed with a hash in another algorithm (nothing this importer can check).
    var otherHashes: [String: String] = [:]

    /// Reads `bytes`; throws a message naming what is wrong.
    init(bytes: [UInt8]) throws(WACZDatapackageError) {
        let json: JSONValue
        do throws(JSONParseError) {
            json = try JSONParser.parse(bytes)
        } catch {
            throw WACZDatapackageError(message: "datapackage.json is not valid JSON (\(error))")
        }
        guard case .array(let resources) = json["resources"] else {
            throw WACZDatapackageError(message: "datapackage.json has no resources list")
        }
        for resource in resources {
            guard let path = resource["path"]?.string, let hash = resource["hash"]?.string else { continue }
            if let hex = Self.sha256Hex(hash) {
                sha256[path] = hex
            } else {
                otherHashes[path] = hash
            }
        }
    }

    /// The hex digest of "sha256:HEX" (any case), nil for other forms.
    static func sha256Hex(_ hash: String) -> String? {
        let lower = hash.lowercased()
        guard lower.hasPrefix("sha256:") else { return nil }
        let hex = String(lower.dropFirst("sha256:".count))
        guard hex.utf8.count == 64, FileDigest.bytes(hex: hex) != nil else { return nil }
        return hex
    }

    /// The hash `datapackage-digest.json` gives for datapackage.json, nil when the file does not
    /// name one in SHA-256.
    static func digestOfPackage(_ bytes: [UInt8]) -> String? {
        do throws(JSONParseError) {
            let json = try JSONParser.parse(bytes)
            guard json["path"]?.string == "datapackage.json", let hash = json["hash"]?.string else { return nil }
            return sha256Hex(hash)
        } catch {
            return nil
        }
    }
}
