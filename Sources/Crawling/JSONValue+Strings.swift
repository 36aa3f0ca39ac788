import ArchiveIndex

extension JSONValue {
    /// Every string found under any of `keys`, at any depth (at most `limit`): the URLs of a
    /// JSON-LD block, whatever its shape.
    func strings(forKeys keys: Set<String>, limit: Int = 10_000) -> [String] {
        var found: [String] = []
        var stack: [(JSONValue, Bool)] = [(self, false)]
        while let (value, wanted) = stack.popLast(), found.count < limit {
            switch value {
            case .string(let text) where wanted: found.append(text)
            case .array(let elements): stack += elements.map { ($0, wanted) }
            case .object(let members): stack += members.map { ($0.1, keys.contains($0.0)) }
            default: continue
            }
        }
        return found
    }
}
