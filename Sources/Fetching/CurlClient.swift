import CCurl

/// An HTTP client on libcurl's multi interface that records responses byte for byte.
///
/// One dedicated thread drives every transfer (many at once, connections kept alive and reused,
/// HTTP/1.1 and HTTP/2); `fetch` may be called from any task. Redirects are never followed,
/// bodies are never decoded. Call `shutdown()` when done (deinit does it too).
public final class CurlClient: Sendable {
    private let inbox: TransferInbox
    private let thread: LoopThread?

    /// Why libcurl cannot be used (not installed, too old); nil when it is ready.
    /// Commands that fetch check this first, so a missing library is one clear error.
    public static var libraryProblem: String? {
        vestige_curl_load().map { String(cString: $0) }
    }

    /// A client with these settings; its event-loop thread starts at once.
    public init(configuration: FetchConfiguration) {
        guard let multi = CurlMulti(maxConnections: configuration.maxConnections) else {
            inbox = TransferInbox(multi: nil)
            thread = nil
            return
        }
        let inbox = TransferInbox(multi: multi)
        self.inbox = inbox
        let loop = CurlEventLoop(multi: multi, inbox: inbox, configuration: configuration)
        thread = LoopThread { loop.run() }
        if thread == nil {
            _ = inbox.close()
        }
    }

    deinit {
        shutdown()
    }

    /// Fetches one URL and returns the response as received, whatever its status code.
    ///
    /// Throws `FetchError` when no response head arrived (DNS, connect, TLS, timeout, ...) or the
    /// task was cancelled; a response cut short after its head is returned with `truncation` set.
    public func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        if Task.isCancelled { throw .cancelled(url: request.url) }
        let inbox = self.inbox
        let id = inbox.makeID()
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                inbox.submit(TransferSubmission(id: id, request: request, continuation: continuation))
            }
        } onCancel: {
            inbox.cancel(id)
        }
        // The cancellation handler cannot run any more: its record of this fetch can go.
        inbox.forget(id)
        return try result.get()
    }

    /// Stops the event loop: running and queued fetches fail as cancelled, later ones at once.
    /// Returns when the loop thread has ended.
    public func shutdown() {
        for submission in inbox.close() {
            submission.finish(.failure(.cancelled(url: submission.request.url)))
        }
        thread?.join()
    }
}
