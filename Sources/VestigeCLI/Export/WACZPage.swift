/// One line of a WACZ's `pages/pages.jsonl`: an entry point for replay.
struct WACZPage: Hashable {
    var url: String
    /// Capture time, ISO 8601 UTC.
    var timestamp: String
    var title: String?

    /// The line; a page without a title is titled by its URL: `wacz validate` (Frictionless) reads
    /// the file as a table keyed by the header line's fields and rejects rows with none of them.
    var jsonLine: String {
        "{\"url\": \(JSONText.quoted(url)), \"ts\": \(JSONText.quoted(timestamp)), "
            + "\"title\": \(JSONText.quoted(title ?? url))}"
    }
}
