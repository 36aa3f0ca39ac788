import Foundation
import PlatformAdapters

/// Test fixtures (copied into the test bundle) and inputs built from them.
enum Fixture {
    /// The bytes of `Fixtures/<name>`; empty when missing (the test then fails on its expectations).
    static func bytes(_ name: String) -> [UInt8] {
        guard let directory = Bundle.module.url(forResource: "Fixtures", withExtension: nil),
            let data = try? Data(contentsOf: directory.appendingPathComponent(name))
        else { return [] }
        return Array(data)
    }

    /// An input for `url` answered with fixture `name`.
    static func input(
        _ name: String, url: String, status: Int = 200, contentType: String,
        headers: [(name: String, value: String)] = []
    ) -> AdapterInput {
        AdapterInput(
            url: url, status: status, headers: [(name: "Content-Type", value: contentType)] + headers,
            payload: bytes(name))
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
