import Dispatch

/// An actor executor running the actor's jobs on a serial Dispatch queue (its own thread)
/// rather than on Swift concurrency's cooperative pool. Linux's Dispatch has no
/// `DispatchSerialQueue` executor, hence this small one.
final class SerialQueueExecutor: SerialExecutor {
    private let queue: DispatchQueue

    init(label: String) { queue = DispatchQueue(label: label, qos: .utility) }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor { UnownedSerialExecutor(ordinary: self) }
}
