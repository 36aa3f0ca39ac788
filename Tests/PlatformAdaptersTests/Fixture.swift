import Foundation
import PlatformAdapters
import Testing

/// Test fixtures (copied into the test bundle) and inputs built from them.
enum Fixture {
    /// The bytes of `Fixtures/<name>`; throws when the fixture is missing or unreadable, so a
    /// test that expects to find nothing in it cannot pass without it.
    static func bytes(_ name: String) throws -> [UInt8] {
        let directory = try #require(
            Bundle.module.url(forResource: "Fixtures", withExtension: nil), "the Fixtures folder is not in the bundle")
        return Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// An input for `url` answered with fixture `name`; throws when the fixture is missing.
    static func input(
        _ name: String, url: String, status: Int = 200, contentType: String,
        headers: [(name: String, value: String)] = []
    ) throws -> AdapterInput {
        AdapterInput(
            url: url, status: status, headers: [(name: "Content-Type", value: contentType)] + headers,
            payload: try bytes(name))
    }

    /// An input with `text` as its payload.
    static func input(
        text: String, url: String, status: Int = 200, contentType: String?,
        headers: [(name: String, value: String)] = []
    ) -> AdapterInput {
        let typeHeader = contentType.map { [(name: "Content-Type", value: $0)] } ?? []
        return AdapterInput(url: url, status: status, headers: typeHeader + headers, payload: Array(text.utf8))
    }
}
