/// The adapters tried in turn on each response: the first that matches extracts.
public struct AdapterSet: Sendable {
    /// The adapters, most specific first.
    public let adapters: [any PlatformAdapter]
    /// What the adapters were told about the platform (its name, id range, selectors).
    public let configuration: AdapterConfiguration

    /// A set trying `adapters` in order.
    public init(adapters: [any PlatformAdapter], configuration: AdapterConfiguration = AdapterConfiguration()) {
        self.adapters = adapters
        self.configuration = configuration
    }

    /// Parler-style API, Mastodon API, RSS/Atom feeds, then generic HTML (JSON-LD, OpenGraph,
    /// configured selectors) as the last resort.
    public static func standard(configuration: AdapterConfiguration = AdapterConfiguration()) -> AdapterSet {
        AdapterSet(
            adapters: [
                ParlerStyleAdapter(configuration: configuration),
                MastodonAdapter(configuration: configuration),
                FeedAdapter(configuration: configuration),
                GenericHTMLAdapter(configuration: configuration),
            ], configuration: configuration)
    }

    /// The standard adapters whose names are in `names` (in the standard order); nil when a
    /// name is unknown, so a typo in a configuration is an error rather than a silent no-op.
    public static func named(_ names: [String], configuration: AdapterConfiguration = AdapterConfiguration())
        -> AdapterSet?
    {
        let all = standard(configuration: configuration).adapters
        let known = Set(all.map(\.name))
        guard names.allSatisfy(known.contains) else { return nil }
        return AdapterSet(adapters: all.filter { names.contains($0.name) }, configuration: configuration)
    }

    /// The names `named` accepts.
    public static var standardNames: [String] { standard().adapters.map(\.name) }

    /// Each standard adapter's `completeness`, by name: for posts stored with only the name of the
    /// adapter that read them.
    public static let completenessByName: [String: PostCompleteness] = Dictionary(
        standard().adapters.map { ($0.name, $0.completeness) }, uniquingKeysWith: { first, _ in first })

    /// The first adapter that matches `input`, if any.
    public func adapter(for input: AdapterInput) -> (any PlatformAdapter)? {
        adapters.first { $0.matches(input) }
    }

    /// What the first matching adapter extracts; empty when none matches.
    public func extract(_ input: AdapterInput) -> AdapterOutput {
        adapter(for: input)?.extract(input) ?? AdapterOutput()
    }
}
