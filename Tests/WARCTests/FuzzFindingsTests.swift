import Foundation
import FuzzFindings
import Testing
import WARC

/// Replays every input the fuzzer stored in Fuzz/Findings/warc (scripts/fuzz --target warc): each
/// must now be parsed or rejected quickly, never trap. A new finding becomes a case here by being
/// copied into that folder.
@Suite struct WARCFuzzFindingsTests {
    @Test func everyStoredFindingIsHandled() throws {
        for (name, bytes) in try FuzzFindings.inputs("warc") {
            let start = ContinuousClock.now
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-\(UUID().uuidString).warc")
                .path
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            defer { try? FileManager.default.removeItem(atPath: path) }
            _ = WARCVerifier.verify(path: path)
            let options = WARCReaderOptions(
                maxBlockSize: 1 << 20, maxHeaderSize: 64 << 10, maxInflatedMemberSize: 4 << 20)
            if let reader = try? WARCReader(path: path, options: options) {
                var count = 0
                while count < 1000 {
                    count += 1
                    let entry: WARCEntry?
                    do {
                        entry = try reader.next()
                    } catch {
                        continue
                    }
                    guard let entry else { break }
                    if let block = HTTPResponseBlock(parsing: entry.record.block) {
                        _ = HTTPContentDecoder.decode(
                            block.payload, contentEncoding: block.headers["Content-Encoding"], limit: 1 << 20)
                    }
                }
            }
            #expect(ContinuousClock.now - start < .seconds(5), "\(name) took \(ContinuousClock.now - start)")
        }
    }
}
