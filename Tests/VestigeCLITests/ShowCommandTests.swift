import ArchiveIndex
import ArgumentParser
import Crawling
import Foundation
import GRDB
import Testing
import VestigeCLI
import WARC

/// `vestige show` reads records of the demo archive by location, record id and URL.
@Suite struct ShowCommandTests {
    static func show(_ folder: String, _ arguments: [String]) throws -> String {
        var output = StringSink()
        try ShowCommand.parse(["--archive", folder] + arguments).perform(output: &output)
        return output.text
    }

    static func firstHit(_ folder: String, kind: String) throws -> SearchHit {
        var request = SearchRequest()
        request.kinds = [kind == "media" ? .media : .page]
        request.limit = 1
        let searcher = try ArchiveSearcher(path: ArchiveLayout(directory: folder).databasePath)
        return try #require(try searcher.search(request).first)
    }

    @Test func mediaRecordByLocationIDAndURLWithPayloadWrittenOut() async throws {
        let folder = try await ForensicsFixture.archive()
        let hit = try Self.firstHit(folder, kind: "media")
        let file = try #require(hit.warcFile)
        let offset = try #require(hit.warcOffset)
        let byLocation = try Self.show(folder, ["\(file):\(offset)"])
        #expect(byLocation.contains("# \(file) @ \(offset)"))
        #expect(byLocation.contains("WARC-Type: response"))
        #expect(byLocation.contains("## HTTP response\nHTTP/1.1 200"))
        #expect(byLocation.contains("binary, "))
        let recordID = try #require(hit.recordID)
        #expect(try Self.show(folder, [recordID]) == byLocation)
        let bareID = String(recordID.dropFirst("<urn:uuid:".count).dropLast())
        #expect(try Self.show(folder, [bareID]) == byLocation)
        #expect(try Self.show(folder, ["\(file)@\(offset)"]) == byLocation)
        let url = try #require(hit.url)
        #expect(try Self.show(folder, [url]).contains("WARC-Target-URI: \(url)"))
        let unnormalised = url.replacingOccurrences(of: "http://127.0.0.1:", with: "HTTP://127.0.0.1:")
        #expect(try Self.show(folder, [unnormalised]).contains("WARC-Target-URI: \(url)"))

        let written = FileManager.default.temporaryDirectory.appendingPathComponent("show-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: written) }
        let text = try Self.show(folder, ["\(file):\(offset)", "--output", written])
        #expect(text.contains("written to \(written)"))
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: written)))
        // The file holds exactly the archived payload: its digest is the record's WARC-Payload-Digest.
        let stated = try #require(hit.payloadDigest.flatMap { WARCDigest(parsing: $0) })
        #expect(WARCDigest.compute(bytes, algorithm: stated.algorithm) == stated)
    }

    @Test func htmlPageIsPrintedAsTextAndAsJSON() async throws {
        let folder = try await ForensicsFixture.archive()
        let hit = try Self.firstHit(folder, kind: "page")
        let location = "\(try #require(hit.warcFile)):\(try #require(hit.warcOffset))"
        let text = try Self.show(folder, [location])
        #expect(text.contains("## Payload (text/html"))
        #expect(text.lowercased().contains("<html"))
        let json = try Self.show(folder, [location, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["offset"] as? Int64 == hit.warcOffset)
        let http = try #require(object["http"] as? [String: Any])
        #expect(http["status"] as? Int == 200)
        let payload = try #require(object["payload"] as? [String: Any])
        #expect(payload["media_type"] as? String == "text/html")
        #expect((payload["text"] as? String)?.lowercased().contains("<html") == true)
        let headers = try #require(object["warc_headers"] as? [[String: String]])
        #expect(headers.contains { $0["name"] == "WARC-Record-ID" && $0["value"] == hit.recordID })
    }

    @Test func revisitShowsThePayloadOfTheCaptureItRefersTo() async throws {
        let folder = try await ForensicsFixture.archive()
        let queue = try DatabaseQueue(path: ArchiveLayout(directory: folder).databasePath)
        let row = try await queue.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT r.warc_file, r.warc_offset, o.warc_file AS original_file, o.warc_offset AS original_offset
                    FROM captures r JOIN captures o ON o.record_id = r.refers_to WHERE r.record_type = 'revisit' LIMIT 1
                    """)
        }
        let revisit = try #require(row, "the demo crawl archives some payloads twice")
        let file: String = revisit["warc_file"]
        let offset: Int64 = revisit["warc_offset"]
        let originalFile: String = revisit["original_file"]
        let originalOffset: Int64 = revisit["original_offset"]
        let text = try Self.show(folder, ["\(file):\(offset)"])
        #expect(text.contains("WARC-Type: revisit"))
        #expect(
            text.contains("revisit: payload of the original capture \(originalFile) @ \(originalOffset)"), "\(text)")
        let original = try Self.show(folder, ["\(originalFile):\(originalOffset)"])
        let payload = { (text: String) in
            text.components(separatedBy: "## Payload").last?.split(separator: "\n").dropFirst()
        }
        #expect(payload(text).map(Array.init) == payload(original).map(Array.init))
    }

    @Test func badArgumentsExit64AndMissingRecordsExit65NamingFileAndOffset() async throws {
        let folder = try await ForensicsFixture.archive()
        let file = try #require(try ForensicsFixture.warcFiles(folder).first)
        for (argument, code) in [
            ("nonsense", ExitCode.usage), ("../etc/passwd:0", .usage), ("\(file):-4", .usage),
            ("\(file):3", .badInput), ("missing.warc.gz:0", .badInput),
            ("<urn:uuid:00000000-0000-0000-0000-000000000000>", .badInput), ("http://nowhere.example/", .badInput),
        ] {
            #expect(throws: code, "\(argument)") { try ShowCommand.parse(["--archive", folder, argument]).run() }
        }
        #expect {
            try Self.show(folder, ["\(file):3"])
        } throws: { error in
            "\(error)".contains("\(file) @ 3")
        }
    }
}
