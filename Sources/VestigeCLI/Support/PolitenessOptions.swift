import ArgumentParser
import Crawling

/// Who the crawler says it is and how hard it may push, shared by `crawl` and `recrawl`.
/// Options given here win over DIR/vestige.toml, which wins over the defaults.
struct PolitenessOptions: ParsableArguments {
    @Option(help: "Requests running at once over all hosts. (default: 16)")
    var concurrency: Int?

    @Option(help: "Requests running at once against one host. (default: 2)")
    var perHostConcurrency: Int?

    @Option(help: "Seconds between request starts to one host (robots.txt Crawl-delay wins when larger). (default: 1)")
    var perHostDelay: Double?

    @Option(help: "The full User-Agent header (default: vestige/VERSION with --contact).")
    var userAgent: String?

    @Option(help: "Operator contact (URL or mailto:) for the User-Agent and the WARC warcinfo record.")
    var contact: String?

    func validate() throws {
        if (concurrency ?? 1) < 1 || (perHostConcurrency ?? 1) < 1 {
            throw ValidationError("Concurrency must be at least 1.")
        }
        if (perHostDelay ?? 0) < 0 { throw ValidationError("--per-host-delay cannot be negative.") }
    }

    /// The contact, from the options or the file.
    func contact(_ settings: CrawlConfigFile) -> String? { contact ?? settings.contact }

    /// The User-Agent header: given, from the file, or vestige's own naming the contact.
    func userAgent(_ settings: CrawlConfigFile) -> String {
        userAgent ?? settings.userAgent
            ?? CrawlConfiguration.defaultUserAgent(version: VersionCommand.vestigeVersion, contact: contact(settings))
    }

    /// Sets concurrency, delay and contact on `configuration`; throws when the file's values are out of range.
    func apply(to configuration: inout CrawlConfiguration, settings: CrawlConfigFile) throws {
        configuration.concurrency = concurrency ?? settings.concurrency ?? 16
        configuration.perHostConcurrency = perHostConcurrency ?? settings.perHostConcurrency ?? 2
        configuration.perHostDelay = perHostDelay ?? settings.perHostDelay ?? 1.0
        configuration.operatorContact = contact(settings)
        guard configuration.concurrency >= 1, configuration.perHostConcurrency >= 1, configuration.perHostDelay >= 0
        else { throw ValidationError("concurrency must be at least 1 and per_host_delay not negative.") }
    }

    /// Warns when nothing tells site operators who to reach about the crawl.
    func warnWithoutContact(_ settings: CrawlConfigFile) {
        guard contact(settings) == nil, userAgent == nil, settings.userAgent == nil else { return }
        var errors = StandardStream.error
        errors.write("vestige: no --contact given; site operators cannot reach you about this crawl.\n")
        errors.flush()
    }
}
