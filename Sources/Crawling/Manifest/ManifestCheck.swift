import Dispatch
import WARC

/// Checks an archive folder against its manifest and hash chain (see `ArchiveManifest`).
public enum ManifestCheck {
    /// Compares every WARC file in `DIR/warc/` with `manifest.sha256`, re-computes every link of
    /// `manifest-chain.jsonl`, and checks that the manifest and the chain name the same digests.
    public static func check(layout: ArchiveLayout) -> ManifestReport {
        var report = ManifestReport()
        let manifestFile = ArchiveManifest.manifestPath(layout)
        let chainFile = ArchiveManifest.chainPath(layout)
        let manifestText = ArchiveManifest.readText(manifestFile)
        let hasChain = fileExists(chainFile)
        guard manifestText != nil || hasChain else { return report }
        report.present = true

        var chain: [ManifestChainLink] = []
        do {
            chain = try ArchiveManifest.readChain(chainFile)
        } catch {
            report.problems.append("\(error)")
        }
        if !hasChain { report.problems.append("\(chainFile): missing (manifest.sha256 exists without its chain)") }
        report.links = chain.count
        var previous = ManifestChainLink.genesis
        var chained: [String: String] = [:]
        for (index, link) in chain.enumerated() {
            if link.previous != previous {
                report.problems.append(
                    "\(chainFile):\(index + 1): previous link does not match line \(index) (\(link.file)): "
                        + "a line was changed, removed or reordered")
            }
            if ManifestChainLink.link(previous: link.previous, sha256: link.sha256, file: link.file) != link.link {
                report.problems.append(
                    "\(chainFile):\(index + 1): link hash is wrong for \(link.file): the line was edited")
            }
            previous = link.link
            chained[link.file] = link.sha256
        }

        var listed: [String: String] = [:]
        if let manifestText {
            for (index, line) in manifestText.split(separator: "\n").enumerated() where !line.isEmpty {
                guard let entry = parseLine(String(line)) else {
                    report.problems.append("\(manifestFile):\(index + 1): not a 'SHA256  warc/NAME' line")
                    continue
                }
                listed[entry.file] = entry.hex
            }
        } else {
            report.problems.append("\(manifestFile): missing (the chain exists; was the manifest deleted?)")
        }
        report.listed = listed.count
        for (file, hex) in listed.sorted(by: { $0.key < $1.key }) where chained[file] != hex {
            report.problems.append(
                chained[file] == nil
                    ? "\(file): in manifest.sha256 but not in the chain"
                    : "\(file): manifest.sha256 and the chain disagree")
        }
        if manifestText != nil {
            for file in chained.keys.sorted() where listed[file] == nil {
                report.problems.append("\(file): in the chain but not in manifest.sha256")
            }
        }

        let present = Set(
            directoryEntries(layout.warcDirectory, suffixes: WARCCompression.fileSuffixes).map { "warc/" + $0 })
        let expected = listed.isEmpty ? chained : listed
        for file in present.sorted() where expected[file] == nil { report.added.append(file) }
        let listedFiles = expected.keys.sorted()
        report.removed = listedFiles.filter { !present.contains($0) }
        let toHash = listedFiles.filter(present.contains)
        // Files are hashed side by side: an archive holds many files of about 1 GB.
        let digests = DigestSlots(count: toHash.count)
        DispatchQueue.concurrentPerform(iterations: toHash.count) { index in
            let name = String(toHash[index].dropFirst("warc/".count))
            digests.store((try? FileDigest.sha256(path: layout.warcPath(name)))?.hex, at: index)
        }
        for (file, actual) in zip(toHash, digests.take()) {
            guard let actual else {
                report.problems.append("\(file): cannot be read")
                continue
            }
            if actual != expected[file] { report.changed.append(file) }
        }
        return report
    }

    /// `HEX  warc/NAME` (text mode) or `HEX *warc/NAME` (binary mode, as sha256sum -b writes it);
    /// only plain names under `warc/` are accepted, so a manifest can never make verify read
    /// outside the archive folder.
    static func parseLine(_ line: String) -> (hex: String, file: String)? {
        let characters = Array(line)
        guard characters.count > 66, characters[64] == " ", characters[65] == " " || characters[65] == "*" else {
            return nil
        }
        let hex = String(characters[0..<64]).lowercased()
        let file = String(characters[66...])
        guard FileDigest.bytes(hex: hex)?.count == 32, file.hasPrefix("warc/"),
            ArchiveManifest.isPlainFileName(String(file.dropFirst(5)))
        else { return nil }
        return (hex, file)
    }
}

/// Digests filled by concurrent workers, each its own index.
private final class DigestSlots: @unchecked Sendable {
    // Safety: concurrentPerform gives each index to one worker and returns before `take` runs.
    private var slots: [String?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func store(_ digest: String?, at index: Int) { slots.withUnsafeMutableBufferPointer { $0[index] = digest } }
    func take() -> [String?] { slots }
}
