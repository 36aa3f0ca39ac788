/// One field value of a hit as the output formats print it.
enum HitValue: Equatable {
    case null
    case text(String)
    case integer(Int64)
    case real(Double)
    case bool(Bool)

    init(_ text: String?) { self = text.map(HitValue.text) ?? .null }
    init(_ number: Int64?) { self = number.map(HitValue.integer) ?? .null }
    init(_ number: Double?) { self = number.map(HitValue.real) ?? .null }

    /// JSON text of the value.
    var json: String {
        switch self {
        case .null: "null"
        case .text(let text): JSONText.quoted(text)
        case .integer(let number): String(number)
        case .real(let number): number.isFinite ? JSONText.number(number) : "null"
        case .bool(let flag): flag ? "true" : "false"
        }
    }

    /// Plain text of the value ("" for null), for CSV and tables.
    var plain: String {
        switch self {
        case .null: ""
        case .text(let text): text
        case .integer(let number): String(number)
        case .real(let number): JSONText.number(number)
        case .bool(let flag): flag ? "true" : "false"
        }
    }
}
