import Crawling

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `vestige.toml`: a crawl's settings kept with the archive (DIR/vestige.toml) or given with
/// `--config FILE`. Options on the command line win over the file; the file wins over defaults.
///
///     seeds = ["https://social.example/"]
///     contact = "mailto:archive@example.org"
///     scope = "host"            # host | domain | prefix
///     include = []              # regular expressions
///     exclude = ["/login"]
///     max_depth = 20
///     concurrency = 16
///     per_host_concurrency = 2
///     per_host_delay = 1.0      # seconds
///     media = "headers"         # full | headers
///
///     [platform]
///     name = "social.example"
///     adapters = ["mastodon", "html"]        # default: all, by detection
///     id_range = "https://social.example/api/post/{id}"
///     ids = "1-50000"
///
///     [platform.selectors]      # posts in HTML pages without JSON-LD or OpenGraph
///     post = "article.post"
///     author = ".author"
///     created_at = "time"
///     body = ".text"
///
/// Unknown keys are errors (a typo must not silently change a crawl). `ignore_robots` is not
/// accepted here: ignoring robots.txt is a decision for the command line, each time.
struct CrawlConfigFile: Equatable {
    var seeds: [String] = []
    var contact: String?
    var userAgent: String?
    var scope: CrawlScope.Mode?
    var include: [String] = []
    var exclude: [String] = []
    var maxPages: Int?
    var maxDepth: Int?
    var concurrency: Int?
    var perHostConcurrency: Int?
    var perHostDelay: Double?
    var media: MediaFetchMode?
    var platformName: String?
    var adapters: [String] = []
    var idRange: String?
    var ids: String?
    /// Selector names (post, id, author, created_at, body, media, url) → CSS selectors.
    var selectors: [String: String] = [:]

    /// A problem with the file, naming it.
    struct Problem: Error, CustomStringConvertible {
        let path: String
        let message: String
        var description: String { "\(path): \(message)" }
    }

    /// The file at `path`; nil when there is none.
    static func load(path: String) throws(Problem) -> CrawlConfigFile? {
        guard let file = fopen(path, "rb") else {
            if errno == ENOENT { return nil }
            throw Problem(path: path, message: "cannot be read: \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while bytes.count <= 1 << 20 {
            let count = fread(&buffer, 1, buffer.count, file)
            if count == 0 { break }
            bytes += buffer[0..<count]
        }
        guard bytes.count <= 1 << 20 else { throw Problem(path: path, message: "is over 1 MB; not a configuration") }
        do {
            return try CrawlConfigFile(text: String(decoding: bytes, as: UTF8.self))
        } catch let error as TOMLSubsetParser.ParseError {
            throw Problem(path: path, message: error.description)
        } catch let error as Problem {
            throw Problem(path: path, message: error.message)
        } catch {
            throw Problem(path: path, message: "\(error)")
        }
    }

    static let topKeys: Set<String> = [
        "seeds", "contact", "user_agent", "scope", "include", "exclude", "max_pages", "max_depth", "concurrency",
        "per_host_concurrency", "per_host_delay", "media", "platform",
    ]
    static let platformKeys: Set<String> = ["name", "adapters", "id_range", "ids", "selectors"]
    static let selectorKeys: Set<String> = ["post", "id", "author", "created_at", "body", "media", "url"]

    init() {}

    /// Reads a configuration from TOML text.
    init(text: String) throws {
        let root = try TOMLSubsetParser.parse(text)
        if root["ignore_robots"] != nil {
            throw Problem(path: "", message: "ignore_robots cannot be set in a file; pass --ignore-robots each time")
        }
        try Self.checkKeys(root, allowed: Self.topKeys, in: "")
        seeds = try Self.strings(root, "seeds")
        contact = try Self.string(root, "contact")
        userAgent = try Self.string(root, "user_agent")
        if let text = try Self.string(root, "scope") {
            guard let mode = CrawlScope.Mode(rawValue: text) else {
                throw Problem(path: "", message: "scope = \"\(text)\": use host, domain or prefix")
            }
            scope = mode
        }
        include = try Self.strings(root, "include")
        exclude = try Self.strings(root, "exclude")
        maxPages = try Self.integer(root, "max_pages")
        maxDepth = try Self.integer(root, "max_depth")
        concurrency = try Self.integer(root, "concurrency")
        perHostConcurrency = try Self.integer(root, "per_host_concurrency")
        switch root["per_host_delay"] {
        case nil: break
        case .integer(let seconds)?: perHostDelay = Double(seconds)
        case .float(let seconds)?: perHostDelay = seconds
        case let other?: throw Problem(path: "", message: "per_host_delay should be seconds, not \(other.typeName)")
        }
        if let text = try Self.string(root, "media") {
            guard let mode = MediaFetchMode(rawValue: text) else {
                throw Problem(path: "", message: "media = \"\(text)\": use full or headers")
            }
            media = mode
        }
        guard let platform = try Self.table(root, "platform", in: "") else { return }
        try Self.checkKeys(platform, allowed: Self.platformKeys, in: "platform.")
        platformName = try Self.string(platform, "name")
        adapters = try Self.strings(platform, "adapters")
        idRange = try Self.string(platform, "id_range")
        ids = try Self.string(platform, "ids")
        if let table = try Self.table(platform, "selectors", in: "platform.") {
            try Self.checkKeys(table, allowed: Self.selectorKeys, in: "platform.selectors.")
            for key in table.keys { selectors[key] = try Self.string(table, key) }
        }
    }

    private static func checkKeys(_ table: [String: TOMLValue], allowed: Set<String>, in prefix: String) throws {
        if let unknown = table.keys.sorted().first(where: { !allowed.contains($0) }) {
            let known = allowed.sorted().joined(separator: ", ")
            throw Problem(path: "", message: "unknown key \(prefix)\(unknown) (known: \(known))")
        }
    }

    private static func string(_ table: [String: TOMLValue], _ key: String) throws -> String? {
        switch table[key] {
        case nil: return nil
        case .string(let text)?: return text
        case let other?: throw Problem(path: "", message: "\(key) should be a string, not \(other.typeName)")
        }
    }

    private static func integer(_ table: [String: TOMLValue], _ key: String) throws -> Int? {
        switch table[key] {
        case nil: return nil
        case .integer(let number)?: return number
        case let other?: throw Problem(path: "", message: "\(key) should be an integer, not \(other.typeName)")
        }
    }

    private static func strings(_ table: [String: TOMLValue], _ key: String) throws -> [String] {
        switch table[key] {
        case nil: return []
        case .array(let items)?:
            return try items.map { item in
                guard case .string(let text) = item else {
                    throw Problem(path: "", message: "\(key) should hold strings, not \(item.typeName)")
                }
                return text
            }
        case let other?: throw Problem(path: "", message: "\(key) should be an array of strings, not \(other.typeName)")
        }
    }

    private static func table(_ table: [String: TOMLValue], _ key: String, in prefix: String) throws
        -> [String: TOMLValue]?
    {
        switch table[key] {
        case nil: return nil
        case .table(let inner)?: return inner
        case let other?: throw Problem(path: "", message: "\(prefix)\(key) should be a [table], not \(other.typeName)")
        }
    }
}
