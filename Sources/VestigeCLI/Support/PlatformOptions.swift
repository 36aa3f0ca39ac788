import ArgumentParser
import PlatformAdapters

/// How posts are read from a platform's responses, shared by `crawl`, `import` and `reindex`
/// so that a crawl and a later re-index file posts under the same platform name.
struct PlatformOptions: ParsableArguments {
    @Option(
        name: .customLong("adapter"),
        help: ArgumentHelp(
            "Platform adapter to use (repeatable; default: all, each response read by the first that recognises it).",
            valueName: AdapterSet.standardNames.joined(separator: "|")))
    var adapters: [String] = []

    @Option(help: "Name posts are filed under (default: the host they came from).")
    var platform: String?

    @Option(
        name: .customLong("id-range"),
        help: ArgumentHelp(
            "Enumerate sequential post ids: a URL template with {id}, e.g. http://host/api/post/{id} (needs --ids).",
            valueName: "template"))
    var idTemplate: String?

    @Option(help: ArgumentHelp("The ids for --id-range, FIRST-LAST inclusive, e.g. 1-50000.", valueName: "first-last"))
    var ids: String?

    func validate() throws {
        _ = try adapterSet()
    }

    /// The adapters these options select, with the archive's vestige.toml (when it has one)
    /// filling in what they leave open: a re-index files posts as the crawl did.
    func adapterSet(archive: String) throws -> AdapterSet {
        do {
            return try adapterSet(file: try CrawlConfigFile.load(path: archive + "/vestige.toml"))
        } catch let problem as CrawlConfigFile.Problem {
            throw ValidationError(problem.description)
        }
    }

    /// The adapters these options select; what they leave open comes from `file` (vestige.toml).
    func adapterSet(file: CrawlConfigFile? = nil) throws -> AdapterSet {
        var selectors: HTMLSelectors?
        if let file, !file.selectors.isEmpty {
            guard let post = file.selectors["post"] else {
                throw ValidationError("[platform.selectors] in vestige.toml needs post = \"CSS selector\".")
            }
            let field = file.selectors
            do {
                selectors = try HTMLSelectors(
                    post: post, id: field["id"], author: field["author"], createdAt: field["created_at"],
                    body: field["body"], media: field["media"], url: field["url"])
            } catch {
                throw ValidationError("[platform.selectors] in vestige.toml: \(error)")
            }
        }
        let configuration = AdapterConfiguration(
            platformName: platform ?? file?.platformName,
            idRange: try idRange(template: idTemplate ?? file?.idRange, ids: ids ?? file?.ids),
            htmlSelectors: selectors)
        let chosen = adapters.isEmpty ? file?.adapters ?? [] : adapters
        if chosen.isEmpty { return .standard(configuration: configuration) }
        let names = chosen.flatMap { $0.split(separator: ",").map(String.init) }
        guard let set = AdapterSet.named(names, configuration: configuration) else {
            let known = AdapterSet.standardNames.joined(separator: ", ")
            throw ValidationError("Unknown --adapter in \(names.joined(separator: ",")): choose from \(known).")
        }
        return set
    }

    /// The id range of --id-range and --ids; nil when neither is given.
    func idRange(template idTemplate: String?, ids: String?) throws -> IDRangeTemplate? {
        switch (idTemplate, ids) {
        case (nil, nil):
            return nil
        case (nil, _):
            throw ValidationError("--ids needs --id-range TEMPLATE.")
        case (_?, nil):
            throw ValidationError("--id-range needs --ids FIRST-LAST, e.g. --ids 1-50000.")
        case (let template?, let ids?):
            let bounds = ids.split(separator: "-", maxSplits: 1).map { Int($0.filter { $0 != " " }) }
            guard bounds.count == 2, let first = bounds[0], let last = bounds[1] else {
                throw ValidationError("--ids '\(ids)' is not FIRST-LAST with whole numbers, e.g. 1-50000.")
            }
            do {
                return try IDRangeTemplate(template: template, first: first, last: last)
            } catch {
                throw ValidationError(error.description)
            }
        }
    }
}
