/// A small CSS selector subset for configured post layouts, with an XPath-like `@attr` ending
/// that says which attribute to read: `article.h-entry`, `#main .post`, `[data-post-id]@data-post-id`,
/// `time.dt-published@datetime`, `a.u-url@href`; alternatives separated by commas, each with
/// its own `@attr`.
///
/// Steps are separated by whitespace (descendant); child, sibling and pseudo-class selectors are
/// refused. An alternative that is only `@attr` reads the post element's own attribute.
struct CSSSelector: Sendable, Equatable {
    /// One comma-separated alternative.
    struct Alternative: Sendable, Equatable {
        /// The steps, outermost first; empty for a bare `@attr`.
        var steps: [CSSCompound]
        /// The attribute to read from a matched element, if given.
        var attribute: String?

        /// Whether this is a bare `@attr` (the post element itself).
        var isSelf: Bool { steps.isEmpty }
    }

    /// The alternatives, in the order written.
    let alternatives: [Alternative]

    /// Parses `text`.
    init(parsing text: String) throws(HTMLSelectorError) {
        let characters = Array(text)
        var alternatives: [Alternative] = []
        var start = 0
        var depth = 0
        var quote: Character?
        // Split at commas outside brackets and quotes; the end counts as a comma.
        for position in 0...characters.count {
            let character: Character = position < characters.count ? characters[position] : ","
            if let open = quote, position < characters.count {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "\"", "'": quote = character
            case "[": depth += 1
            case "]": depth -= 1
            case "," where depth <= 0 || position == characters.count:
                alternatives.append(try Self.alternative(characters, from: start, to: position, selector: text))
                start = position + 1
            default: break
            }
        }
        self.alternatives = alternatives
    }

    /// Parses `characters[from..<to]` as one alternative.
    private static func alternative(
        _ characters: [Character], from: Int, to: Int, selector: String
    ) throws(HTMLSelectorError) -> Alternative {
        func fail(_ position: Int, _ message: String) -> HTMLSelectorError {
            HTMLSelectorError(selector: selector, position: position + 1, message: message)
        }
        // The trailing `@attr`, outside brackets and quotes.
        var end = to
        var attribute: String?
        var depth = 0
        var quote: Character?
        for position in from..<to {
            let character = characters[position]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "[" {
                depth += 1
            } else if character == "]" {
                depth -= 1
            } else if character == "@", depth == 0 {
                let name = String(characters[(position + 1)..<to]).trimmingBlanks().lowercased()
                guard !name.isEmpty, name.allSatisfy({ isNameCharacter($0) || $0 == ":" }) else {
                    throw fail(position, "expected an attribute name after '@', at the end of the alternative")
                }
                attribute = name
                end = position
                break
            }
        }
        var steps: [CSSCompound] = []
        var compound: CSSCompound?
        var index = from
        func name(attribute: Bool = false) -> String {
            let start = index
            while index < end, isNameCharacter(characters[index]) || (attribute && characters[index] == ":") {
                index += 1
            }
            return String(characters[start..<index])
        }
        func skipSpace() {
            while index < end, characters[index].isWhitespace { index += 1 }
        }
        while index < end {
            let character = characters[index]
            switch character {
            case _ where character.isWhitespace:
                if let done = compound { steps.append(done) }
                compound = nil
                index += 1
            case "*":
                guard compound == nil else { throw fail(index, "'*' must start a step") }
                compound = CSSCompound()
                index += 1
            case ".", "#":
                let at = index
                index += 1
                let value = name()
                guard !value.isEmpty else { throw fail(index, "expected a name after '\(character)'") }
                var step = compound ?? CSSCompound()
                if character == "." {
                    step.classes.append(value)
                } else {
                    guard step.id == nil else { throw fail(at, "two ids in one step") }
                    step.id = value
                }
                compound = step
            case "[":
                index += 1
                skipSpace()
                let attributeName = name(attribute: true).lowercased()
                guard !attributeName.isEmpty else { throw fail(index, "expected an attribute name after '['") }
                skipSpace()
                var test = CSSCompound.AttributeTest(name: attributeName)
                if index < end, characters[index] == "~" {
                    test.word = true
                    index += 1
                }
                if index < end, characters[index] == "=" {
                    index += 1
                    skipSpace()
                    if index < end, characters[index] == "\"" || characters[index] == "'" {
                        let open = characters[index]
                        index += 1
                        let start = index
                        while index < end, characters[index] != open { index += 1 }
                        guard index < end else { throw fail(start - 1, "unclosed quote") }
                        test.value = String(characters[start..<index])
                        index += 1
                    } else {
                        let value = name()
                        guard !value.isEmpty else { throw fail(index, "expected a value after '='") }
                        test.value = value
                    }
                    skipSpace()
                } else if test.word {
                    throw fail(index, "expected '=' after '~'")
                }
                guard index < end, characters[index] == "]" else {
                    throw fail(index, "expected ']' (only [attr], [attr=value] and [attr~=word] are supported)")
                }
                index += 1
                var step = compound ?? CSSCompound()
                step.attributes.append(test)
                compound = step
            case _ where isNameCharacter(character):
                guard compound == nil else { throw fail(index, "an element name must start a step") }
                compound = CSSCompound(tag: name().lowercased())
            default:
                throw fail(
                    index,
                    "'\(character)' is not supported (use tag, .class, #id, [attr=value], descendant steps and a final @attr)"
                )
            }
        }
        if let done = compound { steps.append(done) }
        guard !steps.isEmpty || attribute != nil else { throw fail(from, "empty selector") }
        return Alternative(steps: steps, attribute: attribute)
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "-" || character == "_"
    }

    /// Attribute names the selector tests (so element snapshots keep them).
    var testedAttributes: Set<String> {
        Set(alternatives.flatMap { $0.steps.flatMap { $0.attributes.map(\.name) } })
    }

    /// The first alternative that `element`, below `ancestors` (root first), matches; a bare
    /// `@attr` alternative matches when `isPost` (the element is the post element itself).
    func match(_ element: ElementSnapshot, ancestors: ArraySlice<ElementSnapshot>, isPost: Bool) -> Alternative? {
        alternatives.first { alternative in
            guard let last = alternative.steps.last else { return isPost }
            guard last.matches(element) else { return false }
            // Descendant steps only: the nearest matching ancestor is always the right choice.
            var ancestor = ancestors.endIndex
            for step in alternative.steps.dropLast().reversed() {
                repeat {
                    ancestor -= 1
                } while ancestor >= ancestors.startIndex && !step.matches(ancestors[ancestor])
                if ancestor < ancestors.startIndex { return false }
            }
            return true
        }
    }
}
