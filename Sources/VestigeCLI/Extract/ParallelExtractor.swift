import BinaryParsing
import Dispatch
public import MediaMetadata

/// Extracts metadata from many files on all cores and hands results back in input order.
public enum ParallelExtractor {
    /// Files handed to the cores at a time; results are written after each batch, so output
    /// streams on huge trees while its order stays the input order.
    public static let batchSize = 512

    /// Extracts every item, calling `emit` for each result in input order.
    public static func run(_ items: [MediaFileWalker.Item], emit: (ExtractionResult) -> Void) {
        var start = 0
        while start < items.count {
            let batch = Array(items[start..<min(start + batchSize, items.count)])
            let results = ResultSlots(count: batch.count)
            DispatchQueue.concurrentPerform(iterations: batch.count) { index in
                results.store(extract(batch[index]), at: index)
            }
            for result in results.take() { emit(result) }
            start += batch.count
        }
    }

    /// Reads one item.
    public static func extract(_ item: MediaFileWalker.Item) -> ExtractionResult {
        switch item {
        case .missing(let path, let reason):
            return ExtractionResult(sourceFile: path, outcome: .failure(ExtractionError(message: reason)))
        case .file(let path):
            do {
                let source = try FileByteSource(path: path)
                let metadata = try MetadataExtractor.extract(from: source, fileName: path)
                return ExtractionResult(sourceFile: path, outcome: .success(metadata))
            } catch let error as MetadataError {
                return ExtractionResult(
                    sourceFile: path, outcome: .failure(ExtractionError(message: error.description)))
            } catch {
                return ExtractionResult(
                    sourceFile: path, outcome: .failure(ExtractionError(message: "Error opening file: \(error)")))
            }
        }
    }
}

/// Slots that concurrent workers fill, each worker its own index; read once all are done.
private final class ResultSlots: @unchecked Sendable {
    // Safety: every index is written by exactly one worker of concurrentPerform, and `take` runs
    // after concurrentPerform has returned, which orders all writes before the read.
    private var slots: [ExtractionResult?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ result: ExtractionResult, at index: Int) {
        slots.withUnsafeMutableBufferPointer { $0[index] = result }
    }

    func take() -> [ExtractionResult] { slots.compactMap { $0 } }
}
