import Foundation
import VestigeCLI

/// A temporary archive built through `vestige import`, for the search command tests.
struct SearchCLIFixture {
    static let jsonl = """
        {"platform":"sample","id":"1","url":"https://ex.social/@alice/1","author":"alice","created_at":"2021-01-06T13:30:00-05:00","body":"Grüße aus München, \\"quoted\\" #Oktoberfest","latitude":48.137,"longitude":11.575}
        {"platform":"sample","id":"2","url":"https://ex.social/@bob/2","author":"bob","created_at":"2021-01-05T10:00:00Z","body":"Null island, with comma\\nand newline","latitude":0,"longitude":0}
        {"platform":"sample","id":"3","url":"https://ex.social/@carol/3","author":"carol","created_at":"2021-01-07","body":"River flood in Munchen","deleted_at":"2021-02-01T00:00:00Z"}
        {"platform":"sample","id":"4","url":"https://ex.social/@dave/4","author":"dave","created_at":"2021-01-06T17:59:59Z","body":"Sunrise over Fiji #travel","latitude":-17.7,"longitude":179.9}
        not json
        """

    let directory: URL
    var archive: String { directory.appendingPathComponent("arch").path }
    var dump: String { directory.appendingPathComponent("posts.jsonl").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("vestige-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.jsonl.write(toFile: dump, atomically: true, encoding: .utf8)
    }

    /// Runs `vestige import` in process; returns (stdout, console text, bad count).
    func runImport() throws -> (String, String, Int) {
        let command = try ImportCommand.parse(["--archive", archive, dump])
        try command.validate()
        var output = StringSink()
        let console = ImportConsole.collector()
        let summary = try command.perform(output: &output, console: console)
        return (output.text, console.collected, summary.bad)
    }

    /// Runs `vestige search` in process with `arguments` after `--archive DIR`.
    func search(_ arguments: [String]) throws -> String {
        let command = try SearchCommand.parse(["--archive", archive] + arguments)
        var output = StringSink()
        try command.perform(output: &output)
        return output.text
    }

    /// Parses `vestige search … --format json` output.
    func searchJSON(_ arguments: [String]) throws -> [[String: Any]] {
        let text = try search(arguments + ["--format", "json"])
        return try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] ?? []
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
