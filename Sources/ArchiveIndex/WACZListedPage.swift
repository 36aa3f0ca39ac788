/// One page of a WACZ page list (`pages/pages.jsonl`): the URL and capture time of an entry
/// point, with the title (and, from browsertrix `--text`, the text) the crawler saw.
struct WACZListedPage: Equatable {
    var url: String
    /// The capture time as an instant, when `ts` parses.
    var timestamp: Timestamp?
    var title: String?
    var text: String?

    /// The pages of a `pages.jsonl` file: the header line (`"format"`) and lines that are not
    /// objects with a `url` are skipped; `bad` counts lines that are not JSON.
    static func parse(_ bytes: [UInt8]) -> (pages: [WACZListedPage], bad: Int) {
        var pages: [WACZListedPage] = []
        var bad = 0
        for line in bytes.split(separator: 0x0A) {
            let trimmed = line.drop(while: { $0 == 0x20 || $0 == 0x0D || $0 == 0x09 })
            guard !trimmed.isEmpty else { continue }
            let json: JSONValue
            do throws(JSONParseError) {
                json = try JSONParser.parse(Array(trimmed))
            } catch {
                bad += 1
                continue
            }
            guard json["format"] == nil, let url = json["url"]?.string else { continue }
            pages.append(
                WACZListedPage(
                    url: url, timestamp: json["ts"]?.string.flatMap { Timestamp(parsing: $0) },
                    title: json["title"]?.string, text: json["text"]?.string))
        }
        return (pages, bad)
    }
}
