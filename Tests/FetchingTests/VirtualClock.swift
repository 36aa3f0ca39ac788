import Synchronization

/// A clock for politeness tests whose time moves only when someone sleeps: `sleep(until:)` jumps
/// the time forward to the deadline at once, so tests run instantly and the recorded times are
/// exactly the ones the code under test asked for.
final class VirtualClock: Clock, Sendable {
    struct Instant: InstantProtocol {
        /// Time since the clock's origin.
        var offset: Duration

        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let current = Mutex(Instant(offset: .zero))

    var now: Instant { current.withLock { $0 } }

    var minimumResolution: Duration { .zero }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        current.withLock { $0 = max($0, deadline) }
        await Task.yield()
    }

    /// Moves the time forward by hand.
    func advance(by duration: Duration) {
        current.withLock { $0 = $0.advanced(by: duration) }
    }
}
