import Synchronization

/// A value delivered once and awaited once: the server's port, or why it could not listen.
final class OneShot<Value: Sendable>: Sendable {
    private struct Slot {
        var value: Value?
        var waiter: CheckedContinuation<Value, Never>?
    }

    private let slot = Mutex(Slot())

    /// Delivers the value; later deliveries are ignored.
    func deliver(_ value: Value) {
        let waiter: CheckedContinuation<Value, Never>? = slot.withLock { slot in
            guard slot.value == nil else { return nil }
            slot.value = value
            defer { slot.waiter = nil }
            return slot.waiter
        }
        waiter?.resume(returning: value)
    }

    var value: Value {
        get async {
            await withCheckedContinuation { continuation in
                let ready: Value? = slot.withLock { slot in
                    if let value = slot.value { return value }
                    slot.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }
}
