/// Collects one transfer's bytes exactly as libcurl's callbacks deliver them.
///
/// Used only on the event-loop thread. Returning false from a `receive` method makes libcurl
/// abort the transfer (the caller then looks at `hitBodyLimit` / `headTooLarge` to know why).
final class TransferRecorder {
    /// Body bytes kept at most.
    let maxBodyBytes: Int
    /// Response head bytes accepted at most, over all heads of the transfer.
    let maxHeadBytes: Int

    /// The current response head: status line, header lines and the final empty line, as received.
    private(set) var head: [UInt8] = []
    /// Whether `head` ends with its empty line.
    private(set) var headComplete = false
    /// The body as received.
    private(set) var body: [UInt8] = []
    /// The request head as sent.
    private(set) var requestHead: [UInt8] = []
    /// Whether the body reached `maxBodyBytes` and the transfer was stopped.
    private(set) var hitBodyLimit = false
    /// Whether the response head exceeded `maxHeadBytes`.
    private(set) var headTooLarge = false

    private var headBytesSeen = 0
    private var requestHeadComplete = false

    /// Whether a body is expected (not for HEAD), so that buffer space may be set aside for it.
    private let expectsBody: Bool

    /// Body buffers grow on demand beyond this, however large a Content-Length the server claims.
    private static let maxReservation = 1024 * 1024

    init(maxBodyBytes: Int, maxHeadBytes: Int, expectsBody: Bool) {
        self.maxBodyBytes = max(0, maxBodyBytes)
        self.maxHeadBytes = max(0, maxHeadBytes)
        self.expectsBody = expectsBody
    }

    /// One header line, CRLF included, or the empty line that ends a head.
    func receiveHeaderLine(_ line: UnsafeRawBufferPointer) -> Bool {
        headBytesSeen += line.count
        if headBytesSeen > maxHeadBytes {
            headTooLarge = true
            return false
        }
        if headComplete {
            // A new head after a complete one: the earlier one was an interim (1xx) response.
            head.removeAll(keepingCapacity: true)
            headComplete = false
        }
        head.append(contentsOf: line)
        if line.elementsEqual([0x0D, 0x0A]) || line.elementsEqual([0x0A]) {
            headComplete = true
            reserveBody()
        }
        return true
    }

    /// Body bytes, as they came off the connection.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let room = maxBodyBytes - body.count
        if bytes.count > room {
            body.append(contentsOf: bytes.prefix(room))
            hitBodyLimit = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// Request head bytes as libcurl sent them.
    func receiveRequestHead(_ bytes: UnsafeRawBufferPointer) {
        if requestHeadComplete {
            // libcurl sent the request again (a kept-alive connection had gone stale): keep the last.
            requestHead.removeAll(keepingCapacity: true)
            requestHeadComplete = false
        }
        requestHead.append(contentsOf: bytes)
        requestHeadComplete = requestHead.count >= 4 && requestHead.suffix(4).elementsEqual([0x0D, 0x0A, 0x0D, 0x0A])
    }

    private func reserveBody() {
        guard expectsBody, body.isEmpty, let length = ResponseHeadParser.contentLength(in: head), length > 0 else {
            return
        }
        body.reserveCapacity(min(length, maxBodyBytes, Self.maxReservation))
    }
}
