import CCurl

/// The libcurl multi handle: runs many transfers on one thread and pools their connections.
///
/// Part of the C seam. Everything but `wakeup()` is called on the event-loop thread only;
/// `wakeup()` is thread-safe in libcurl, hence `@unchecked Sendable`.
final class CurlMulti: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer
    private var closed = false

    /// A multi handle keeping at most `maxConnections` connections open; nil when libcurl cannot allocate one.
    init?(maxConnections: Int) {
        guard Self.globalInitialization, let handle = vestige_curl_multi_init() else { return nil }
        self.handle = handle
        let connections = max(1, maxConnections)
        _ = vestige_multi_setopt_long(handle, CURLMOPT_MAX_TOTAL_CONNECTIONS, connections)
        _ = vestige_multi_setopt_long(handle, CURLMOPT_MAXCONNECTS, connections)
        _ = vestige_multi_setopt_long(handle, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
    }

    deinit {
        close()
    }

    /// libcurl's process-wide setup, done once (Swift runs a static initializer exactly once).
    private static let globalInitialization = vestige_curl_global_init() == CURLE_OK

    /// Starts running a transfer. Returns a problem description when libcurl refuses it.
    func add(_ easy: CurlEasy) -> String? {
        let code = vestige_curl_multi_add_handle(handle, easy.handle)
        return code == CURLM_OK ? nil : Self.describe(code)
    }

    /// Stops a transfer (finished or not); its connection goes back to the pool when reusable.
    func remove(_ easy: CurlEasy) {
        _ = vestige_curl_multi_remove_handle(handle, easy.handle)
    }

    /// Moves every transfer forward as far as it can go without blocking.
    func perform() {
        var running: Int32 = 0
        _ = vestige_curl_multi_perform(handle, &running)
    }

    /// Waits until a socket is ready, libcurl's next timer is due, `wakeup()` is called or the timeout passes.
    func poll(timeoutMilliseconds: Int32) {
        var ready: Int32 = 0
        _ = vestige_curl_multi_poll(handle, timeoutMilliseconds, &ready)
    }

    /// Interrupts a `poll` in progress (or makes the next one return at once). Thread-safe.
    func wakeup() {
        _ = vestige_curl_multi_wakeup(handle)
    }

    /// The next finished transfer and its result, if any.
    func nextCompletion() -> (key: EasyKey, result: CurlResultCode)? {
        var remaining: Int32 = 0
        while let message = vestige_curl_multi_info_read(handle, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            return (EasyKey(address: easy), CurlResultCode(vestige_multi_message_result(message)))
        }
        return nil
    }

    /// Releases the handle; every easy handle must have been removed first.
    func close() {
        guard !closed else { return }
        closed = true
        _ = vestige_curl_multi_cleanup(handle)
    }

    private static func describe(_ code: CURLMcode) -> String {
        guard let text = vestige_curl_multi_strerror(code) else { return "libcurl multi error \(code.rawValue)" }
        return String(cString: text)
    }
}
