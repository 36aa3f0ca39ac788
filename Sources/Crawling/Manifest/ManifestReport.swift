/// What `ManifestCheck` found: the archive's WARC files against `manifest.sha256`, and the
/// integrity of `manifest-chain.jsonl`.
public struct ManifestReport: Sendable {
    /// False when the folder has neither a manifest nor a chain (an archive made by import only).
    public var present = false
    /// Files the manifest lists.
    public var listed = 0
    /// Links in the chain.
    public var links = 0
    /// WARC files in `warc/` that the manifest does not list (`warc/NAME`).
    public var added: [String] = []
    /// Files the manifest lists that are gone.
    public var removed: [String] = []
    /// Files whose SHA-256 is no longer the one in the manifest.
    public var changed: [String] = []
    /// Everything else wrong (chain links, unreadable lines, manifest and chain disagreeing).
    public var problems: [String] = []

    /// True when nothing was added, removed or changed and the chain holds.
    public var isClean: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty && problems.isEmpty }

    /// Every finding as one line each, naming the file.
    public var findings: [String] {
        added.map { "\($0): added since the manifest (not in manifest.sha256)" }
            + removed.map { "\($0): removed since the manifest (listed in manifest.sha256, file missing)" }
            + changed.map { "\($0): changed since the manifest (SHA-256 differs from manifest.sha256)" } + problems
    }
}
