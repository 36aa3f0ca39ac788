import Foundation
import MediaMetadata
import Testing

/// exiftool ground truth (`expected.json` objects) and the comparison rules of the sample README:
/// numbers within a tolerance, text exactly, exiftool's number-like text as numbers.
struct ExpectedFile: Sendable, CustomTestStringConvertible {
    let sourceFile: String
    let values: [String: ExpectedValue]
    var testDescription: String { sourceFile }

    /// Loads every object of an `expected.json` file.
    static func load(_ url: URL) throws -> [ExpectedFile] {
        let data = try Data(contentsOf: url)
        guard let objects = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return [] }
        return objects.compactMap { object in
            guard let path = object["SourceFile"] as? String else { return nil }
            var values: [String: ExpectedValue] = [:]
            for (key, value) in object where key != "SourceFile" {
                if let number = value as? NSNumber, !(value is String) {
                    values[key] = .number(number.doubleValue)
                } else if let text = value as? String {
                    values[key] = .text(text)
                }
            }
            return ExpectedFile(sourceFile: path, values: values)
        }
    }

    /// Differences between `metadata` and the expected values, as readable lines (empty: equal).
    /// `tolerance` applies to GPS degrees.
    func differences(from metadata: MediaMetadata, tolerance: Double = 1e-6) -> [String] {
        var problems: [String] = []
        for (key, expected) in values.sorted(by: { $0.key < $1.key }) {
            guard let field = MetadataField(rawValue: key) else { continue }
            guard let actual = metadata[field] else {
                problems.append("\(key): missing, expected \(expected)")
                continue
            }
            if !expected.matches(actual, tolerance: key.hasPrefix("GPS") ? tolerance : 1e-9) {
                problems.append("\(key): got \(actual), expected \(expected)")
            }
        }
        for field in metadata.fields where values[field.rawValue] == nil && field != .contentCreateDate {
            problems.append("\(field.rawValue): extra value \(metadata[field].map(String.init(describing:)) ?? "")")
        }
        return problems
    }
}

/// One expected value as exiftool's JSON typed it.
enum ExpectedValue: Sendable, CustomStringConvertible {
    case number(Double)
    case text(String)

    func matches(_ actual: MetadataValue, tolerance: Double) -> Bool {
        switch (self, actual) {
        case (.number(let expected), _):
            // exiftool prints number-like text ("16.5", "1.00") as JSON numbers.
            guard let value = actual.number ?? actual.string.flatMap(Double.init) else { return false }
            return abs(value - expected) <= tolerance * max(1, abs(expected))
        case (.text(let expected), .text(let value)), (.text(let expected), .unusable(let value)):
            return expected == value
        case (.text, _):
            return false
        }
    }

    var description: String {
        switch self {
        case .number(let value): "\(value)"
        case .text(let value): "\"\(value)\""
        }
    }
}

/// Where test data lives.
enum TestData {
    /// This package's own fixtures (copied into the test bundle).
    static var fixtures: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil) ?? URL(fileURLWithPath: "/nonexistent")
    }

    /// The shared sample corpus beside the checkout (`../shared/samples`), when present.
    static var sharedSamples: URL? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let samples = root.deletingLastPathComponent().appendingPathComponent("shared/samples")
        return FileManager.default.fileExists(atPath: samples.appendingPathComponent("expected.json").path)
            ? samples : nil
    }
}
