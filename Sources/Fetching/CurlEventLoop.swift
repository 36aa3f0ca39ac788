/// The body of the client's event-loop thread: owns the multi handle and every running transfer,
/// starts queued requests, applies cancellations and completes callers' continuations.
final class CurlEventLoop {
    private let multi: CurlMulti
    private let inbox: TransferInbox
    private let configuration: FetchConfiguration
    private var running: [EasyKey: CurlTransfer] = [:]
    private var runningByID: [UInt64: EasyKey] = [:]

    /// How long `poll` sleeps at most when nothing happens (libcurl's own timers cut it shorter).
    private static let idlePollMilliseconds: Int32 = 1000

    init(multi: CurlMulti, inbox: TransferInbox, configuration: FetchConfiguration) {
        self.multi = multi
        self.inbox = inbox
        self.configuration = configuration
    }

    /// Runs until the inbox is closed; then fails what is still running and releases the multi handle.
    func run() {
        let capacity = max(1, configuration.maxConcurrentTransfers)
        while true {
            let batch = inbox.take(limit: capacity - running.count)
            if batch.closed {
                for key in Array(running.keys) { stop(key, with: nil) }
                multi.close()
                return
            }
            for id in batch.cancellations {
                if let key = runningByID[id] { stop(key, with: nil) }
            }
            for submission in batch.submissions { start(submission) }
            multi.perform()
            var finished = 0
            while let (key, result) = multi.nextCompletion() {
                stop(key, with: result)
                finished += 1
            }
            // Freed capacity and requests waiting: start them before sleeping.
            if finished > 0 && batch.morePending { continue }
            multi.poll(timeoutMilliseconds: Self.idlePollMilliseconds)
        }
    }

    private func start(_ submission: TransferSubmission) {
        let request = submission.request
        if let problem = request.validationProblem() {
            submission.finish(.failure(.invalidRequest(url: request.url, message: problem)))
            return
        }
        let recorder = TransferRecorder(
            maxBodyBytes: request.maxBodyBytes ?? configuration.maxBodyBytes,
            maxHeadBytes: configuration.maxHeaderBytes, expectsBody: request.method != .head)
        guard let easy = CurlEasy(recorder: recorder) else {
            submission.finish(
                .failure(.other(url: request.url, code: -1, message: "libcurl could not create a handle")))
            return
        }
        if let problem = easy.configure(request: request, configuration: configuration) {
            submission.finish(.failure(.invalidRequest(url: request.url, message: problem)))
            return
        }
        if let problem = multi.add(easy) {
            submission.finish(.failure(.other(url: request.url, code: -1, message: problem)))
            return
        }
        let transfer = CurlTransfer(
            submission: submission, easy: easy, failOnOversizedBody: configuration.failOnOversizedBody)
        running[easy.key] = transfer
        runningByID[submission.id] = easy.key
    }

    /// Removes a transfer and completes its caller: with its outcome, or as cancelled when `result` is nil.
    private func stop(_ key: EasyKey, with result: CurlResultCode?) {
        guard let transfer = running.removeValue(forKey: key) else { return }
        runningByID[transfer.submission.id] = nil
        multi.remove(transfer.easy)
        if let result {
            transfer.submission.finish(transfer.outcome(result))
        } else {
            transfer.submission.finish(.failure(.cancelled(url: transfer.submission.request.url)))
        }
    }
}
