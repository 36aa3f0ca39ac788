/// Sequential post ids to enumerate: a URL template such as `http://host/api/post/{id}` and a
/// closed range of ids (Parler-style APIs, where every post has a guessable number).
public struct IDRangeTemplate: Sendable, Equatable {
    /// Most ids in one range: enumeration is bounded, a typo cannot start a billion requests.
    public static let maxCount = 10_000_000
    /// The placeholder replaced by each id.
    public static let placeholder = "{id}"

    /// The template, e.g. `http://host/api/post/{id}`.
    public let template: String
    /// The first id.
    public let first: Int
    /// The last id (inclusive).
    public let last: Int

    private let prefix: String
    private let suffix: String
    /// The template's path around `{id}` (what `id(in:)` matches, whatever the host).
    private let pathPrefix: String
    private let pathSuffix: String

    /// A range from `first` through `last`; throws for templates without exactly one `{id}`,
    /// non-http(s) templates, empty or negative ranges and ranges over `maxCount`.
    public init(template: String, first: Int, last: Int) throws(IDRangeTemplateError) {
        let pieces = template.split(separator: Self.placeholder, omittingEmptySubsequences: false)
        guard pieces.count == 2 else { throw .placeholderCount(template, found: max(0, pieces.count - 1)) }
        // An http(s) URL once filled in, with the placeholder in the path or query, not the host.
        guard URLParts(template.replacing(Self.placeholder, with: "0")) != nil,
            let schemeEnd = pieces[0].firstRange(of: "://")?.upperBound,
            let pathStart = pieces[0][schemeEnd...].firstIndex(where: { $0 == "/" || $0 == "?" })
        else { throw .notHTTPURL(template) }
        guard first >= 0, last >= first else { throw .badRange(first: first, last: last) }
        guard last - first < Self.maxCount else {
            throw .tooMany(count: String(UInt(last - first) + 1), limit: Self.maxCount)
        }
        self.template = template
        self.first = first
        self.last = last
        self.prefix = String(pieces[0])
        self.suffix = String(pieces[1])
        let pathPrefix = String(pieces[0][pathStart...])
        self.pathPrefix = pathPrefix.hasPrefix("?") ? "/" + pathPrefix : pathPrefix
        self.pathSuffix = String(pieces[1])
    }

    /// A range over `ids`.
    public init(template: String, ids: ClosedRange<Int>) throws(IDRangeTemplateError) {
        try self.init(template: template, first: ids.lowerBound, last: ids.upperBound)
    }

    /// How many ids the range holds.
    public var count: Int { last - first + 1 }

    /// The URL of one id.
    public func url(for id: Int) -> String { prefix + String(id) + suffix }

    /// Every URL of the range, in id order (at most `maxCount`).
    public func urls() -> [String] {
        var urls: [String] = []
        urls.reserveCapacity(count)
        for id in first...last { urls.append(url(for: id)) }
        return urls
    }

    /// The id in `url` when its path (and query) has the template's shape, on any host; nil otherwise.
    public func id(in url: String) -> String? {
        guard let parts = URLParts(url) else { return nil }
        let withQuery = pathPrefix.contains("?") || pathSuffix.contains("?")
        let target = withQuery ? parts.path + (parts.query.map { "?" + $0 } ?? "") : parts.path
        guard target.hasPrefix(pathPrefix), target.hasSuffix(pathSuffix),
            target.utf8.count > pathPrefix.utf8.count + pathSuffix.utf8.count
        else { return nil }
        let id = target.dropFirst(pathPrefix.count).dropLast(pathSuffix.count)
        guard !id.isEmpty, id.count <= 40, id.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return String(id)
    }
}
