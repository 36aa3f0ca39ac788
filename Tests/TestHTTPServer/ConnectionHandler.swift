#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Serves one accepted connection on its own thread: reads requests (keep-alive), records them,
/// and performs the scripted replies.
struct ConnectionHandler {
    let fd: Int32
    let connectionID: Int
    let server: TestHTTPServer

    private static let maxHeadBytes = 64 * 1024
    private static let maxBodyBytes = 1024 * 1024
    private static let idleSeconds = 30
    private static let plainHTTPOnTLSPort =
        "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"

    /// Serves requests until the client or a reply closes the connection; always closes `fd`.
    func run() {
        POSIXSocket.setReceiveTimeout(fd, seconds: Self.idleSeconds)
        POSIXSocket.setNoDelay(fd)
        var buffer: [UInt8] = []
        var reset = false
        serving: while !server.isStopped {
            guard let request = readRequest(&buffer) else {
                if buffer.first == 0x16 {
                    // A TLS ClientHello on this plain-HTTP port: answer in plain HTTP, as real servers do.
                    _ = POSIXSocket.sendAll(fd, Array(Self.plainHTTPOnTLSPort.utf8))
                }
                break
            }
            server.record(request)
            for step in ReplyRenderer.steps(for: server.reply(for: request), request: request) {
                switch step {
                case .send(let bytes):
                    guard POSIXSocket.sendAll(fd, bytes) else { break serving }
                case .sendSlowly(let bytes, let rate):
                    guard sendSlowly(bytes, bytesPerSecond: rate) else { break serving }
                case .pause(let seconds):
                    guard sleep(seconds) else { break serving }
                case .close:
                    break serving
                case .reset:
                    reset = true
                    break serving
                }
            }
        }
        server.closeConnection(fd, reset: reset)
    }

    /// Reads one request (head and Content-Length body) from `buffer` and the socket.
    private func readRequest(_ buffer: inout [UInt8]) -> RecordedRequest? {
        var headEnd: Int?
        while true {
            if let end = Self.endOfHead(in: buffer) {
                headEnd = end
                break
            }
            if buffer.first == 0x16 { return nil }
            guard buffer.count <= Self.maxHeadBytes, POSIXSocket.receive(fd, appendingTo: &buffer) else { return nil }
        }
        guard let headEnd else { return nil }
        let arrival = ContinuousClock.now
        let rawHead = Array(buffer[0..<headEnd])
        buffer.removeFirst(headEnd)
        let lines = rawHead.split(separator: 0x0A).map { line -> String in
            let trimmed = line.last == 0x0D ? line.dropLast() : line
            return String(decoding: trimmed, as: UTF8.self)
        }
        guard let requestLine = lines.first else { return nil }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard parts.count == 3 else { return nil }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon])
            let value = Self.trimmed(line[line.index(after: colon)...])
            headers.append((name, value))
        }
        var body: [UInt8] = []
        let lengthValue = headers.first { $0.name.lowercased() == "content-length" }?.value
        if let lengthValue, let length = Int(lengthValue), length > 0, length <= Self.maxBodyBytes {
            while buffer.count < length {
                guard POSIXSocket.receive(fd, appendingTo: &buffer) else { return nil }
            }
            body = Array(buffer[0..<length])
            buffer.removeFirst(length)
        }
        let target = parts[1]
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
        return RecordedRequest(
            method: parts[0], target: target, path: path ?? target, version: parts[2], headers: headers,
            rawHead: rawHead, body: body, arrival: arrival, connectionID: connectionID)
    }

    /// The index just past the empty line ending a head, if the buffer holds one.
    private static func endOfHead(in buffer: [UInt8]) -> Int? {
        guard buffer.count >= 2 else { return nil }
        var index = 0
        while index + 1 < buffer.count {
            if buffer[index] == 0x0A {
                if buffer[index + 1] == 0x0A { return index + 2 }
                if buffer[index + 1] == 0x0D, index + 2 < buffer.count, buffer[index + 2] == 0x0A { return index + 3 }
            }
            index += 1
        }
        return nil
    }

    /// Sends in small pieces at about `bytesPerSecond`; false when the peer went away or the server stopped.
    private func sendSlowly(_ bytes: [UInt8], bytesPerSecond: Int) -> Bool {
        let rate = max(1, bytesPerSecond)
        let piece = max(1, rate / 10)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + piece)
            guard POSIXSocket.sendAll(fd, bytes[offset..<end]) else { return false }
            offset = end
            if offset < bytes.count {
                guard sleep(Double(piece) / Double(rate)) else { return false }
            }
        }
        return true
    }

    private static func trimmed(_ text: Substring) -> String {
        var slice = text
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }

    /// Sleeps in short slices so that `stop()` is not held up; false when the server stopped.
    private func sleep(_ seconds: Double) -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int64(max(0, seconds) * 1000))
        while ContinuousClock.now < deadline {
            if server.isStopped { return false }
            let remaining = ContinuousClock.now.duration(to: deadline)
            let slice = min(remaining, .milliseconds(20))
            let micros = slice.components.seconds * 1_000_000 + slice.components.attoseconds / 1_000_000_000_000
            if micros > 0 { usleep(useconds_t(micros)) }
        }
        return !server.isStopped
    }
}
