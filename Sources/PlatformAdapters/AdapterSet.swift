/// The adapters tried in turn on each response: the first that matches extracts.
public struct AdapterSet: Sendable {
    /// The adapters, most specific first.
    public let adapters: [any PlatformAdapter]

    /// A set trying `adapters` in order.
    public init(adapters: [any PlatformAdapter]) {
        self.adapters = adapters
    }

    /// Parler-style API, Mastodon API, RSS/Atom feeds, then generic HTML (JSON-LD, OpenGraph,
    /// configured selectors) as the last resort.
    public static func standard(configuration: AdapterConfiguration = AdapterConfiguration()) -> AdapterSet {
        AdapterSet(adapters: [
            ParlerStyleAdapter(configuration: configuration),
            MastodonAdapter(configuration: configuration),
            FeedAdapter(configuration: configuration),
            GenericHTMLAdapter(configuration: configuration),
        ])
    }

    /// The first adapter that matches `input`, if any.
    public func adapter(for input: AdapterInput) -> (any PlatformAdapter)? {
        adapters.first { $0.matches(input) }
    }

    /// What the first matching adapter extracts; empty when none matches.
    public func extract(_ input: AdapterInput) -> AdapterOutput {
        adapter(for: input)?.extract(input) ?? AdapterOutput()
    }
}
