/// JSON string literals written the way Python's `json.dumps` writes them (ASCII only:
/// non-ASCII as `\uXXXX` with lower-case hex, surrogate pairs above U+FFFF), so CDXJ lines
/// match pywb's and cdxj-indexer's byte for byte.
enum JSONString {
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value > 0x7E {
                    if scalar.value > 0xFFFF {
                        let value = scalar.value - 0x10000
                        out += escape(0xD800 + (value >> 10)) + escape(0xDC00 + (value & 0x3FF))
                    } else {
                        out += escape(scalar.value)
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func escape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
