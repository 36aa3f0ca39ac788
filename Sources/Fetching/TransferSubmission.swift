/// A request waiting to be started by the event loop, with the continuation its caller waits on.
struct TransferSubmission: Sendable {
    /// Identifies the fetch for cancellation.
    let id: UInt64
    let request: FetchRequest
    let continuation: CheckedContinuation<Result<FetchResponse, FetchError>, Never>

    /// Completes the caller's fetch.
    func finish(_ result: Result<FetchResponse, FetchError>) {
        continuation.resume(returning: result)
    }
}
