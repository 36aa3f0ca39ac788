import Synchronization

/// The hand-over point between fetching tasks and the event-loop thread: a lock-protected queue
/// of new requests and cancellations. Adding to it wakes the loop.
final class TransferInbox: Sendable {
    /// What the loop takes out in one turn.
    struct Batch {
        var submissions: [TransferSubmission]
        var cancellations: [UInt64]
        var morePending: Bool
        var closed: Bool
    }

    private struct State {
        var nextID: UInt64 = 1
        var pending: [TransferSubmission] = []
        /// Index of the first live element of `pending` (taking from the front is O(1)).
        var pendingHead = 0
        /// Fetches cancelled while in progress; consulted when a submission arrives late.
        var cancelled: Set<UInt64> = []
        var newCancellations: [UInt64] = []
        var closed = false

        var pendingCount: Int { pending.count - pendingHead }
    }

    private let state = Mutex(State())
    private let multi: CurlMulti?

    /// An inbox whose additions wake `multi`; with no multi handle, every submission fails at once.
    init(multi: CurlMulti?) {
        self.multi = multi
        if multi == nil {
            state.withLock { $0.closed = true }
        }
    }

    /// A new identifier for one fetch.
    func makeID() -> UInt64 {
        state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
    }

    /// Queues a request, or fails it at once when its fetch is already cancelled or the client is shut down.
    func submit(_ submission: TransferSubmission) {
        let refusal: FetchError? = state.withLock { state in
            if state.closed {
                return .cancelled(url: submission.request.url)
            }
            if state.cancelled.contains(submission.id) {
                return .cancelled(url: submission.request.url)
            }
            state.pending.append(submission)
            multi?.wakeup()
            return nil
        }
        if let refusal { submission.finish(.failure(refusal)) }
    }

    /// Cancels a fetch: a queued request is failed here, a running one is stopped by the loop.
    func cancel(_ id: UInt64) {
        let dequeued: TransferSubmission? = state.withLock { state in
            state.cancelled.insert(id)
            if let index = state.pending[state.pendingHead...].firstIndex(where: { $0.id == id }) {
                return state.pending.remove(at: index)
            }
            guard !state.closed else { return nil }
            state.newCancellations.append(id)
            multi?.wakeup()
            return nil
        }
        if let dequeued { dequeued.finish(.failure(.cancelled(url: dequeued.request.url))) }
    }

    /// Drops what is remembered about a fetch that has returned.
    func forget(_ id: UInt64) {
        state.withLock { _ = $0.cancelled.remove(id) }
    }

    /// Takes at most `limit` queued requests and every new cancellation (called by the loop).
    func take(limit: Int) -> Batch {
        state.withLock { state in
            let count = min(max(0, limit), state.pendingCount)
            let submissions = Array(state.pending[state.pendingHead..<(state.pendingHead + count)])
            state.pendingHead += count
            if state.pendingHead > 64 && state.pendingHead * 2 > state.pending.count {
                state.pending.removeFirst(state.pendingHead)
                state.pendingHead = 0
            }
            let cancellations = state.newCancellations
            state.newCancellations.removeAll()
            return Batch(
                submissions: submissions, cancellations: cancellations, morePending: state.pendingCount > 0,
                closed: state.closed)
        }
    }

    /// Refuses further requests, wakes the loop so it can stop, and returns the queued requests for failing.
    func close() -> [TransferSubmission] {
        state.withLock { state in
            guard !state.closed else { return [] }
            state.closed = true
            multi?.wakeup()
            let queued = Array(state.pending[state.pendingHead...])
            state.pending.removeAll()
            state.pendingHead = 0
            return queued
        }
    }
}
