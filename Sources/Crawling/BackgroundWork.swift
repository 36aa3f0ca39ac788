import Dispatch

/// Runs CPU-heavy steps (parsing a page, compressing its records) on Dispatch's worker threads
/// instead of Swift concurrency's cooperative pool, which has one thread per core: a parse
/// holding one of those threads delays the small jobs that claim URLs and start requests, and
/// with 50 ms round trips those delays left a third of the fetch slots idle.
enum BackgroundWork {
    private static let queue = DispatchQueue(label: "vestige.background-work", qos: .utility, attributes: .concurrent)

    /// `work`'s result, computed on a Dispatch worker thread.
    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }
}
