import ArchiveIndex
import Crawling
import Foundation
import GRDB
import Testing
import VestigeCLI
import WARC

/// The manifest, hash chain and time-stamp request sealed at the end of a crawl, and `verify`
/// finding files added, removed or changed since, and edits to the chain.
@Suite struct ManifestTests {
    @Test func crawlSealsManifestChainAndTimeStampRequest() async throws {
        let folder = try await ForensicsFixture.archive()
        let files = try ForensicsFixture.warcFiles(folder)
        #expect(!files.isEmpty)
        let manifest = try String(contentsOfFile: folder + "/manifest.sha256", encoding: .utf8)
        let lines = manifest.split(separator: "\n").map(String.init)
        #expect(lines.count == files.count)
        for name in files {
            let (hex, _) = try FileDigest.sha256(path: folder + "/warc/" + name)
            #expect(lines.contains("\(hex)  warc/\(name)"), "manifest lacks \(name)")
        }
        let chain = try ArchiveManifest.readChain(folder + "/manifest-chain.jsonl")
        #expect(chain.map(\.file).sorted() == files.map { "warc/" + $0 })
        var previous = ManifestChainLink.genesis
        for link in chain {
            #expect(link.previous == previous)
            #expect(ManifestChainLink.link(previous: link.previous, sha256: link.sha256, file: link.file) == link.link)
            previous = link.link
        }
        if ExternalTool.available("sha256sum") {
            let check = ExternalTool.run(["sha256sum", "-c", "manifest.sha256"], in: folder)
            #expect(check.status == 0, "sha256sum -c: \(check.output)")
        }
        var clean = StringSink()
        #expect(try VerifyCommand.parse(["--archive", folder]).perform(output: &clean), "\(clean.text)")
        #expect(clean.text.contains("links in manifest-chain.jsonl, ok"))
    }

    @Test(.enabled(if: ExternalTool.available("openssl"), "openssl is not installed"))
    func timeStampRequestParsesWithOpenSSL() async throws {
        let folder = try await ForensicsFixture.archive()
        let result = ExternalTool.run(["openssl", "ts", "-query", "-in", folder + "/manifest.tsq", "-text"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("Version: 1"))
        #expect(result.output.contains("Hash Algorithm: sha256"))
        #expect(result.output.contains("Certificate required: yes"))
        #expect(result.output.contains("Nonce: 0x"))
        // The imprint is the SHA-256 of manifest.sha256: openssl prints it as hex rows.
        let (hex, _) = try FileDigest.sha256(path: folder + "/manifest.sha256")
        let printed = result.output.split(separator: "\n").filter { $0.contains(" - ") }.map { line in
            line.split(separator: "-", maxSplits: 1)[1].prefix(50).filter(\.isHexDigit)
        }.joined()
        #expect(printed.lowercased() == hex)
    }

    @Test func verifyNamesAByteFlippedFile() async throws {
        let folder = try await ForensicsFixture.copy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let name = try #require(try ForensicsFixture.warcFiles(folder).first)
        let path = folder + "/warc/" + name
        let entries = try WARCReader.readAll(path: path)
        let target = try #require(entries.dropFirst(entries.count / 2).first)
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        let position = UInt64(target.offset + target.length / 2)
        try handle.seek(toOffset: position)
        let byte = try #require(try handle.read(upToCount: 1)?.first)
        try handle.seek(toOffset: position)
        try handle.write(contentsOf: Data([byte ^ 0x01]))
        try handle.close()

        var output = StringSink()
        #expect(try !VerifyCommand.parse(["--archive", folder]).perform(output: &output))
        #expect(output.text.contains("\(name) @ \(target.offset)"), "\(output.text)")
        #expect(output.text.contains("warc/\(name): changed since the manifest"), "\(output.text)")
        var json = StringSink()
        #expect(try !VerifyCommand.parse(["--archive", folder, "--json"]).perform(output: &json))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any])
        let manifest = try #require(report["manifest"] as? [String: Any])
        #expect(manifest["changed"] as? [String] == ["warc/\(name)"])
        #expect(report["clean"] as? Bool == false)
    }

    @Test func verifyNamesARecordWhoseDigestNoLongerMatches() async throws {
        let folder = try await ForensicsFixture.copy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let name = try #require(try ForensicsFixture.warcFiles(folder).first)
        let path = folder + "/warc/" + name
        // Rewrite the last record with one byte of its block changed and its headers (digests)
        // kept: a well-formed gzip member whose content no longer matches its WARC-Block-Digest.
        let last = try #require(try WARCReader.readAll(path: path).last)
        var record = last.record
        let index = record.block.count / 2
        record.block[index] = record.block[index] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
        let scratch = folder + "/scratch"
        let writer = try WARCWriter(directory: scratch, info: WARCInfoFields(software: "test"))
        let location = try writer.write(record)
        try writer.close()
        let member = try Data(contentsOf: URL(fileURLWithPath: scratch + "/" + location.filename))
            .subdata(in: Int(location.offset)..<Int(location.offset + location.length))
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.truncate(atOffset: UInt64(last.offset))
        try handle.seekToEnd()
        try handle.write(contentsOf: member)
        try handle.close()
        try FileManager.default.removeItem(atPath: scratch)

        var output = StringSink()
        #expect(try !VerifyCommand.parse(["--archive", folder]).perform(output: &output))
        #expect(output.text.contains("\(name) @ \(last.offset)"), "\(output.text)")
        #expect(output.text.contains("WARC-Block-Digest mismatch"), "\(output.text)")
        #expect(output.text.contains("warc/\(name): changed since the manifest"))
    }

    @Test func verifyReportsAddedAndRemovedFilesAndAnEditedChain() async throws {
        let folder = try await ForensicsFixture.copy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let name = try #require(try ForensicsFixture.warcFiles(folder).first)
        try FileManager.default.copyItem(
            atPath: folder + "/warc/" + name, toPath: folder + "/warc/planted-00000.warc.gz")
        var output = StringSink()
        #expect(try !VerifyCommand.parse(["--archive", folder]).perform(output: &output))
        #expect(output.text.contains("warc/planted-00000.warc.gz: added since the manifest"), "\(output.text)")

        try FileManager.default.removeItem(atPath: folder + "/warc/planted-00000.warc.gz")
        let chainPath = folder + "/manifest-chain.jsonl"
        let chain = try String(contentsOfFile: chainPath, encoding: .utf8)
        let firstLink = try #require(try ArchiveManifest.readChain(chainPath).first)
        let edited = chain.replacingOccurrences(of: firstLink.sha256, with: String(repeating: "0", count: 64))
        try edited.write(toFile: chainPath, atomically: true, encoding: .utf8)
        output = StringSink()
        #expect(try !VerifyCommand.parse(["--archive", folder]).perform(output: &output))
        #expect(output.text.contains("manifest-chain.jsonl:1: link hash is wrong for warc/\(name)"), "\(output.text)")

        try chain.write(toFile: chainPath, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: folder + "/warc/" + name)
        output = StringSink()
        #expect(try !VerifyCommand.parse(["--archive", folder]).perform(output: &output))
        #expect(output.text.contains("warc/\(name): removed since the manifest"), "\(output.text)")
    }

    @Test func aLaterSessionAppendsItsFilesToTheChain() async throws {
        let folder = try await ForensicsFixture.copy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let layout = ArchiveLayout(directory: folder)
        let before = try ArchiveManifest.readChain(ArchiveManifest.chainPath(layout))
        let oldRequest = try Data(contentsOf: URL(fileURLWithPath: ArchiveManifest.timeStampRequestPath(layout)))
        // A second session: a new WARC file written and closed, as the crawler records it.
        let writer = try WARCWriter(
            directory: layout.warcDirectory, prefix: "later", info: WARCInfoFields(software: "t"))
        let record = WARCRecord(
            headers: [
                "WARC-Type": "resource", "WARC-Record-ID": "<urn:uuid:6a1f5c53-0c0e-4a8e-9d7b-1f2d3c4b5a69>",
                "WARC-Date": "2026-11-25T12:00:00Z", "WARC-Target-URI": "http://127.0.0.1/x",
                "Content-Type": "text/plain",
            ], block: Array("later".utf8))
        let location = try writer.write(record)
        try writer.close()
        let database = try ArchiveDatabase(path: layout.databasePath)
        try await database.writer.write { db in
            try db.execute(
                sql: "INSERT INTO warc_files (name, opened_at, closed_at) VALUES (?, ?, ?)",
                arguments: [location.filename, "2099-01-01T00:00:00Z", "2099-01-01T00:00:01Z"])
        }
        var output = StringSink()
        #expect(try !VerifyCommand.parse(["--archive", folder]).perform(output: &output))
        #expect(output.text.contains("warc/\(location.filename): added since the manifest"))

        let sealed = try ArchiveManifest.seal(layout: layout, database: database)
        #expect(sealed.chained.map(\.file) == ["warc/" + location.filename])
        let after = try ArchiveManifest.readChain(ArchiveManifest.chainPath(layout))
        #expect(Array(after.prefix(before.count)) == before)
        #expect(after.last?.previous == before.last?.link)
        #expect(sealed.listed == before.count + 1)
        let newRequest = try Data(contentsOf: URL(fileURLWithPath: ArchiveManifest.timeStampRequestPath(layout)))
        #expect(newRequest != oldRequest)
        output = StringSink()
        #expect(try VerifyCommand.parse(["--archive", folder]).perform(output: &output), "\(output.text)")
    }

    @Test func sealingAgainChainsOnlyNewlyClosedFiles() async throws {
        let folder = try await ForensicsFixture.copy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let layout = ArchiveLayout(directory: folder)
        let before = try ArchiveManifest.readChain(ArchiveManifest.chainPath(layout))
        let database = try ArchiveDatabase(path: layout.databasePath)
        let again = try ArchiveManifest.seal(layout: layout, database: database)
        #expect(again.chained.isEmpty)
        #expect(try ArchiveManifest.readChain(ArchiveManifest.chainPath(layout)) == before)
    }
}
