#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few socket calls the test server makes, with errno turned into errors or Bool results.
enum POSIXSocket {
    /// A TCP socket listening on 127.0.0.1 on a port the system picks; returns the descriptor and port.
    static func listenOnLoopback(backlog: Int32 = 256) throws(TestHTTPServerError) -> (fd: Int32, port: UInt16) {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw TestHTTPServerError(operation: "socket", code: errno) }
        var reuse: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            let code = errno
            Self.close(fd)
            throw TestHTTPServerError(operation: "bind", code: code)
        }
        guard listen(fd, backlog) == 0 else {
            let code = errno
            Self.close(fd)
            throw TestHTTPServerError(operation: "listen", code: code)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            let code = errno
            Self.close(fd)
            throw TestHTTPServerError(operation: "getsockname", code: code)
        }
        return (fd, UInt16(bigEndian: address.sin_port))
    }

    /// The next connection, or nil once the listener has been shut down.
    static func accept(_ listener: Int32) -> Int32? {
        while true {
            #if canImport(Glibc)
                let fd = Glibc.accept(listener, nil, nil)
            #else
                let fd = Darwin.accept(listener, nil, nil)
            #endif
            if fd >= 0 { return fd }
            if errno == EINTR || errno == ECONNABORTED { continue }
            return nil
        }
    }

    /// Sends small writes at once instead of waiting for the peer's ACK (Nagle's algorithm), which
    /// with delayed ACKs would add ~40 ms to every response sent in two writes.
    static func setNoDelay(_ fd: Int32) {
        var on: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Gives up on a read after this many seconds without data (idle keep-alive connections end).
    static func setReceiveTimeout(_ fd: Int32, seconds: Int) {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Reads what is available into `buffer`; returns false on end of stream, error or timeout.
    static func receive(_ fd: Int32, appendingTo buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
                return true
            }
            if count < 0 && errno == EINTR { continue }
            return false
        }
    }

    /// Sends every byte; returns false when the peer has gone.
    static func sendAll(_ fd: Int32, _ bytes: some Collection<UInt8>) -> Bool {
        let data = Array(bytes)
        var offset = 0
        while offset < data.count {
            #if canImport(Glibc)
                let flags = Int32(MSG_NOSIGNAL)
            #else
                let flags: Int32 = 0
            #endif
            let sent = data.withUnsafeBytes {
                send(fd, $0.baseAddress?.advanced(by: offset), data.count - offset, flags)
            }
            if sent > 0 {
                offset += sent
            } else if sent < 0 && errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }

    /// Stops reads and writes (wakes a thread blocked in accept or recv on it).
    static func shutdownBoth(_ fd: Int32) {
        #if canImport(Glibc)
            _ = shutdown(fd, Int32(SHUT_RDWR))
        #else
            _ = shutdown(fd, SHUT_RDWR)
        #endif
    }

    /// Closes the descriptor.
    static func close(_ fd: Int32) {
        #if canImport(Glibc)
            _ = Glibc.close(fd)
        #else
            _ = Darwin.close(fd)
        #endif
    }

    /// Makes the next close send RST instead of FIN.
    static func setResetOnClose(_ fd: Int32) {
        var linger = linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
    }
}
