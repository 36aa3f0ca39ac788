import ArchiveIndex

/// The one-line progress display of `vestige import` (only on a terminal).
enum ImportProgressLine {
    static func text(_ state: ImportProgress) -> String {
        let name = state.file.split(separator: "/").last.map(String.init) ?? state.file
        var text = name
        if let total = state.totalBytes, total > 0 {
            text += " \(min(100, state.bytesRead * 100 / total))%"
        }
        let counts = state.summary
        text += "  \(counts.imported) new, \(counts.updated) updated, \(counts.unchanged) unchanged, \(counts.bad) bad"
        return text
    }
}
