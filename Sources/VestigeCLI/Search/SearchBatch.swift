import ArchiveIndex

/// `vestige search --batch`: many queries, one process and one open archive. Reads one JSON
/// object per line (see `SearchBatchLine`), writes one JSON object per line in the same order:
/// `{"line":N,"hits":[…]}` with the hits as `--format json` prints them, or
/// `{"line":N,"error":"…"}` for a line that is not a valid query (the batch goes on). Each answer
/// is flushed at once, so a program can send a query and wait for its answer. Blank lines are
/// skipped (their numbers still count).
struct SearchBatch {
    let searcher: ArchiveSearcher
    /// Hits per query without a "limit" key.
    var defaultLimit = 20

    /// Answers every line `nextLine` gives until it returns nil; returns the lines answered
    /// with hits and with errors.
    func run(nextLine: () -> String?, output: inout some TextSink) throws -> (answered: Int, failed: Int) {
        var number = 0
        var answered = 0
        var failed = 0
        while let line = nextLine() {
            number += 1
            guard line.contains(where: { !$0.isWhitespace }) else { continue }
            let hits: [SearchHit]
            do {
                hits = try searcher.search(try SearchBatchLine.request(line, defaultLimit: defaultLimit))
            } catch let error as SearchUsageError {
                output.write("{\"line\":\(number),\"error\":\(JSONText.quoted(error.message))}\n")
                output.flush()
                failed += 1
                continue
            }
            output.write(
                "{\"line\":\(number),\"hits\":[" + hits.map(HitFields.jsonObject).joined(separator: ",") + "]}\n")
            output.flush()
            answered += 1
        }
        return (answered, failed)
    }
}
