import Foundation

/// The `.warc.zst` fixtures of `Fixtures/zstd` (written by scripts/make-zstd-fixtures) and the
/// layout it recorded in `fixtures.json`: where each frame of each file lies.
enum ZstdFixtures {
    /// `fixtures.json`.
    struct Manifest: Decodable {
        var dictionaryID: UInt32
        var otherDictionaryID: UInt32
        var records: Int
        /// The frame of corrupt.warc.zst with a damaged byte.
        var corruptedFrame: Int
        var files: [String: Layout]
    }

    /// One file: its size and its record frames (gzip members in records.warc.gz).
    struct Layout: Decodable {
        var size: Int
        var frames: [Frame]
    }

    /// A frame's offset and compressed length.
    struct Frame: Decodable {
        var offset: Int64
        var length: Int64
    }

    /// The path of `Fixtures/zstd/<name>` in the test bundle.
    static func path(_ name: String) throws -> String {
        guard let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return folder.appendingPathComponent("zstd/" + name).path
    }

    static func manifest() throws -> Manifest {
        try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: try path("fixtures.json"))))
    }

    /// The frames of `name`, as fixtures.json lists them.
    static func frames(_ name: String) throws -> [Frame] {
        guard let layout = try manifest().files[name] else { throw CocoaError(.fileNoSuchFile) }
        return layout.frames
    }

    /// True when the zstd command-line tool runs here (Debian package zstd).
    static let zstdToolAvailable: Bool = {
        (try? TestSupport.run("/usr/bin/env", ["zstd", "--version"]).status) == 0
    }()
}
