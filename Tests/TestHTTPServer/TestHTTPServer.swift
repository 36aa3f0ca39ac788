import Dispatch
import Foundation
import Synchronization

/// A scriptable HTTP/1.1 server on 127.0.0.1 for tests: real sockets, keep-alive, one thread per
/// connection, per-path replies including faults (truncation, resets, trickles, delays), and a
/// record of every request for assertions.
///
///     let server = TestHTTPServer()
///     server.route("/page") { _ in .text("hello") }
///     let port = try server.start()
///     defer { server.stop() }
public final class TestHTTPServer: Sendable {
    /// Produces the reply for a request.
    public typealias Handler = @Sendable (RecordedRequest) -> Reply

    private struct State {
        var routes: [String: Handler] = [:]
        var fallback: Handler?
        var requests: [RecordedRequest] = []
        var listener: Int32?
        var port: UInt16 = 0
        var connections: Set<Int32> = []
        var connectionsAccepted = 0
        var stopped = false
    }

    private let state = Mutex(State())
    private let acceptLoopEnded = DispatchSemaphore(value: 0)

    /// A server with no routes yet (unrouted paths get 404).
    public init() {}

    deinit {
        stop()
    }

    /// Sets the handler for requests whose path (without query) is exactly `path`.
    public func route(_ path: String, _ handler: @escaping Handler) {
        state.withLock { $0.routes[path] = handler }
    }

    /// Sets a fixed reply for requests whose path is exactly `path`.
    public func route(_ path: String, reply: Reply) {
        route(path) { _ in reply }
    }

    /// Sets the handler for paths with no route of their own.
    public func fallback(_ handler: @escaping Handler) {
        state.withLock { $0.fallback = handler }
    }

    /// Starts listening on 127.0.0.1 on a free port and returns that port.
    @discardableResult
    public func start() throws(TestHTTPServerError) -> UInt16 {
        let (listener, port) = try POSIXSocket.listenOnLoopback()
        state.withLock { state in
            state.listener = listener
            state.port = port
        }
        Thread.detachNewThread { [self] in
            acceptLoop(listener)
        }
        return port
    }

    /// The port being listened on (0 before `start()`).
    public var port: UInt16 { state.withLock { $0.port } }

    /// "http://127.0.0.1:<port>".
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The absolute URL of a path on this server.
    public func url(_ path: String) -> String { baseURL + path }

    /// Every request received so far, in order of arrival.
    public var requests: [RecordedRequest] { state.withLock { $0.requests } }

    /// The requests received for one path.
    public func requests(path: String) -> [RecordedRequest] {
        requests.filter { $0.path == path }
    }

    /// How many connections have been accepted.
    public var connectionsAccepted: Int { state.withLock { $0.connectionsAccepted } }

    /// Stops accepting, closes every open connection and waits for the accept loop to end.
    public func stop() {
        let listener: Int32? = state.withLock { state in
            guard !state.stopped else { return nil }
            state.stopped = true
            for fd in state.connections { POSIXSocket.shutdownBoth(fd) }
            return state.listener
        }
        guard let listener else { return }
        POSIXSocket.shutdownBoth(listener)
        acceptLoopEnded.wait()
    }

    var isStopped: Bool { state.withLock { $0.stopped } }

    func record(_ request: RecordedRequest) {
        state.withLock { $0.requests.append(request) }
    }

    func reply(for request: RecordedRequest) -> Reply {
        let handler = state.withLock { $0.routes[request.path] ?? $0.fallback }
        return handler?(request) ?? .text("not found\n", status: 404)
    }

    /// Forgets and closes a connection (resetting it when asked).
    func closeConnection(_ fd: Int32, reset: Bool) {
        state.withLock { _ = $0.connections.remove(fd) }
        if reset { POSIXSocket.setResetOnClose(fd) }
        POSIXSocket.close(fd)
    }

    private func acceptLoop(_ listener: Int32) {
        while let fd = POSIXSocket.accept(listener) {
            let connectionID: Int? = state.withLock { state in
                guard !state.stopped else { return nil }
                state.connections.insert(fd)
                state.connectionsAccepted += 1
                return state.connectionsAccepted
            }
            guard let connectionID else {
                POSIXSocket.close(fd)
                break
            }
            let handler = ConnectionHandler(fd: fd, connectionID: connectionID, server: self)
            Thread.detachNewThread { handler.run() }
        }
        POSIXSocket.close(listener)
        acceptLoopEnded.signal()
    }
}
