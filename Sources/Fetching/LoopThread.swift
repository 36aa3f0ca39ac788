import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A dedicated POSIX thread running one long-lived body (the libcurl event loop), joinable once.
final class LoopThread: Sendable {
    private let thread: Mutex<pthread_t?>

    /// Starts a thread running `body`; nil when the system refuses to create one.
    init?(body: sending @escaping () -> Void) {
        final class Box {
            let body: () -> Void
            init(_ body: @escaping () -> Void) { self.body = body }
        }
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        #if canImport(Glibc)
            var handle = pthread_t()
        #else
            var handle: pthread_t?
        #endif
        let status = pthread_create(
            &handle, nil,
            { context in
                guard let context else { return nil }
                Unmanaged<Box>.fromOpaque(context).takeRetainedValue().body()
                return nil
            }, box)
        guard status == 0 else {
            Unmanaged<Box>.fromOpaque(box).release()
            return nil
        }
        thread = Mutex(handle)
    }

    /// Waits for the body to return. Later calls return at once. Never call it from the thread itself.
    func join() {
        let handle = thread.withLock { handle in
            let taken = handle
            handle = nil
            return taken
        }
        if let handle { pthread_join(handle, nil) }
    }
}
