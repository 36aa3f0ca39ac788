/// One piece of an angle as exiftool prints it ("38 deg 53' 23.04\" N"): a number, a word
/// ("deg", "N", "South") or a symbol (`'`, `"`, `°`, `,`, a sign).
enum ExifToolAngleToken: Equatable {
    /// A non-negative number and whether it had a fractional part.
    case number(Double, hasFraction: Bool)
    /// Letters.
    case word(String)
    /// Any other character but white space.
    case symbol(Character)

    /// The tokens of `text`; white space separates tokens and is dropped.
    static func scan(_ text: String) -> [ExifToolAngleToken] {
        var tokens: [ExifToolAngleToken] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == " " || character == "\t" {
                index += 1
            } else if character.isASCII && (character.isNumber || character == ".") {
                let start = index
                while index < characters.count, characters[index].isASCII,
                    characters[index].isNumber || characters[index] == "."
                {
                    index += 1
                }
                let literal = String(characters[start..<index])
                if let value = Double(literal), literal.filter({ $0 == "." }).count <= 1, literal != "." {
                    tokens.append(.number(value, hasFraction: literal.contains(".")))
                } else {
                    tokens.append(.symbol("?"))
                }
            } else if character.isLetter {
                let start = index
                while index < characters.count, characters[index].isLetter { index += 1 }
                tokens.append(.word(String(characters[start..<index])))
            } else {
                tokens.append(.symbol(character))
                index += 1
            }
        }
        return tokens
    }
}
