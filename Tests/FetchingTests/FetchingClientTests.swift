import Fetching
import Synchronization
import TestHTTPServer
import Testing

/// `CurlClient` against the loopback `TestHTTPServer`: byte-exact recording, faults, limits, concurrency.
@Suite("Fetching client") struct FetchingClientTests {
    static let userAgent = "vestige-test/1.0 (+http://127.0.0.1/contact)"

    /// A started server and a client; stop both with `finish`.
    struct Fixture {
        let server: TestHTTPServer
        let client: CurlClient

        init(configure: (inout FetchConfiguration) -> Void = { _ in }) throws {
            server = TestHTTPServer()
            try server.start()
            var configuration = FetchConfiguration(userAgent: FetchingClientTests.userAgent)
            configuration.connectTimeout = .seconds(5)
            configuration.totalTimeout = .seconds(20)
            configure(&configuration)
            client = CurlClient(configuration: configuration)
        }

        func fetch(_ path: String, headers: HTTPHeaders = [:], method: HTTPMethod = .get) async throws(FetchError)
            -> FetchResponse
        {
            try await client.fetch(FetchRequest(url: server.url(path), method: method, headers: headers))
        }

        func finish() {
            client.shutdown()
            server.stop()
        }
    }

    @Test func contentLengthResponseIsRecordedExactly() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        let body = Array("<html>hello</html>\n".utf8)
        fixture.server.route(
            "/page", reply: .response(status: 200, headers: [("Content-Type", "text/html")], body: body))

        let response = try await fixture.fetch("/page")

        #expect(response.statusCode == 200)
        #expect(response.httpVersion == .http11)
        #expect(response.body == body)
        #expect(!response.bodyTruncated)
        let expectedHead = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: \(body.count)\r\n\r\n"
        #expect(response.rawHead == Array(expectedHead.utf8))
        #expect(response.rawResponse == Array(expectedHead.utf8) + body)
        #expect(response.headers["content-type"] == "text/html")
        #expect(response.headers["CONTENT-LENGTH"] == "\(body.count)")
        #expect(response.remoteIP == "127.0.0.1")
        #expect(response.remotePort == Int(fixture.server.port))
        #expect(response.timings.total > .zero)
        #expect(response.timings.totalMilliseconds > 0)
    }

    @Test func requestHeadIsCaptured() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        fixture.server.route("/path", reply: .text("ok"))

        let response = try await fixture.fetch("/path?q=1", headers: ["Range": "bytes=0-65535"])

        let head = String(decoding: response.requestHead, as: UTF8.self)
        #expect(head.hasPrefix("GET /path?q=1 HTTP/1.1\r\n"))
        #expect(head.contains("\r\nHost: 127.0.0.1:\(fixture.server.port)\r\n"))
        #expect(head.contains("\r\nUser-Agent: \(Self.userAgent)\r\n"))
        #expect(head.contains("\r\nRange: bytes=0-65535\r\n"))
        #expect(!head.lowercased().contains("accept-encoding"))
        #expect(head.hasSuffix("\r\n\r\n"))
        // What the server received is what the client says it sent.
        let received = try #require(fixture.server.requests(path: "/path").first)
        #expect(received.rawHead == response.requestHead)
        #expect(received.header("range") == "bytes=0-65535")
    }

    @Test func chunkedBodyIsKeptRaw() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        fixture.server.route("/chunked", reply: .chunked([Array("hello".utf8), Array(" chunked world".utf8)]))

        let response = try await fixture.fetch("/chunked")

        #expect(response.statusCode == 200)
        #expect(response.body == Array("5\r\nhello\r\ne\r\n chunked world\r\n0\r\n\r\n".utf8))
        #expect(response.rawHead == Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".utf8))
        #expect(response.headers["Transfer-Encoding"] == "chunked")
        #expect(!response.bodyTruncated)
    }

    @Test func gzipBodyIsKeptCompressed() async throws {
        let fixture = try Fixture { $0.acceptEncoding = "gzip" }
        defer { fixture.finish() }
        let gzip: [UInt8] = [
            0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x4b, 0xce, 0xcf, 0x2d, 0x28, 0x4a, 0x2d, 0x2e,
            0x4e, 0x4d, 0x51, 0xc8, 0x48, 0xcd, 0xc9, 0xc9, 0xd7, 0x51, 0x48, 0x46, 0x13, 0xe1, 0x02, 0x00, 0x50, 0x0e,
            0xa2, 0xf4, 0x23, 0x00, 0x00, 0x00,
        ]
        fixture.server.route(
            "/gz",
            reply: .response(
                status: 200, headers: [("Content-Type", "text/plain"), ("Content-Encoding", "gzip")], body: gzip))

        let response = try await fixture.fetch("/gz")

        #expect(response.body == gzip)
        #expect(response.headers["Content-Encoding"] == "gzip")
        #expect(fixture.server.requests(path: "/gz").first?.header("Accept-Encoding") == "gzip")
    }

    @Test func notFoundIsAResponse() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }

        let response = try await fixture.fetch("/missing")

        #expect(response.statusCode == 404)
        #expect(response.body == Array("not found\n".utf8))
    }

    @Test func redirectIsNotFollowed() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        fixture.server.route("/old", reply: .redirect(to: "/new"))
        fixture.server.route("/new", reply: .text("new"))

        let response = try await fixture.fetch("/old")

        #expect(response.statusCode == 301)
        #expect(response.headers["Location"] == "/new")
        #expect(response.redirectLocation == fixture.server.url("/new"))
        #expect(String(decoding: response.rawHead, as: UTF8.self).hasPrefix("HTTP/1.1 301 Moved Permanently\r\n"))
        #expect(fixture.server.requests(path: "/new").isEmpty)
    }

    @Test func interimResponsesAreLeftOutOfTheHead() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        let final = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n"
        fixture.server.route(
            "/early", reply: .raw(Array(("HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n" + final + "ok").utf8)))

        let response = try await fixture.fetch("/early")

        #expect(response.statusCode == 200)
        #expect(response.rawHead == Array(final.utf8))
        #expect(response.body == Array("ok".utf8))
    }

    @Test func closeDelimitedBodyIsComplete() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        fixture.server.route("/raw", reply: .raw(Array("HTTP/1.1 200 OK\r\nX-Odd:  spaced \r\n\r\nuntil close".utf8)))

        let response = try await fixture.fetch("/raw")

        #expect(response.body == Array("until close".utf8))
        #expect(!response.bodyTruncated)
        #expect(response.headers["x-odd"] == "spaced")
        #expect(response.rawHead == Array("HTTP/1.1 200 OK\r\nX-Odd:  spaced \r\n\r\n".utf8))
    }

    @Test func truncatedBodyKeepsTheBytesThatArrived() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        let body = (0..<1000).map { UInt8($0 % 251) }
        fixture.server.route("/cut", reply: .truncate(after: 300, body: body))

        let response = try await fixture.fetch("/cut")

        #expect(response.statusCode == 200)
        #expect(response.body == Array(body.prefix(300)))
        #expect(response.bodyTruncated)
        guard case .disconnect = response.truncation else {
            Issue.record("expected a disconnect truncation, got \(String(describing: response.truncation))")
            return
        }
        #expect(response.truncation?.warcValue == "disconnect")
    }

    @Test func bodyCapStopsTheTransfer() async throws {
        let fixture = try Fixture { $0.maxBodyBytes = 1000 }
        defer { fixture.finish() }
        let body = (0..<100_000).map { UInt8($0 % 256) }
        fixture.server.route("/big", reply: .response(status: 200, body: body))

        let response = try await fixture.fetch("/big")

        #expect(response.statusCode == 200)
        #expect(response.body == Array(body.prefix(1000)))
        #expect(response.truncation == .length(limit: 1000))
        // A per-request limit overrides the configuration.
        let small = try await fixture.client.fetch(FetchRequest(url: fixture.server.url("/big"), maxBodyBytes: 10))
        #expect(small.body == Array(body.prefix(10)))
    }

    @Test func oversizedBodyCanFail() async throws {
        let fixture = try Fixture {
            $0.maxBodyBytes = 100
            $0.failOnOversizedBody = true
        }
        defer { fixture.finish() }
        fixture.server.route("/big", reply: .response(status: 200, body: Array(repeating: 0x41, count: 5000)))

        await #expect(throws: FetchError.bodyTooLarge(url: fixture.server.url("/big"), limit: 100)) {
            try await fixture.fetch("/big")
        }
    }

    @Test func tricklingServerTimesOut() async throws {
        let fixture = try Fixture {
            $0.lowSpeedLimit = 1000
            $0.lowSpeedTime = .seconds(1)
        }
        defer { fixture.finish() }
        fixture.server.route(
            "/slow", reply: .trickle(bytesPerSecond: 20, reply: .text(String(repeating: "s", count: 400))))
        fixture.server.route(
            "/slowbody",
            reply: .trickle(bytesPerSecond: 20, headersFirst: true, reply: .text(String(repeating: "s", count: 400))))

        let started = ContinuousClock.now
        do {
            let response = try await fixture.fetch("/slow")
            Issue.record("expected a timeout, got status \(response.statusCode)")
        } catch {
            #expect(error.kind == .timeout)
            #expect(error.url == fixture.server.url("/slow"))
        }
        #expect(ContinuousClock.now - started < .seconds(5))

        // Once the head is in, a stalled body is kept and marked as cut short by time.
        let response = try await fixture.fetch("/slowbody")
        #expect(response.statusCode == 200)
        #expect(response.truncation?.warcValue == "time")
        #expect(response.body.count < 400)
    }

    @Test func totalTimeoutApplies() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        fixture.server.route("/wait", reply: .delay(3, then: .text("late")))

        await #expect {
            try await fixture.client.fetch(
                FetchRequest(url: fixture.server.url("/wait"), totalTimeout: .milliseconds(300)))
        } throws: { error in
            (error as? FetchError)?.kind == .timeout
        }
    }

    @Test func closedPortIsAConnectFailure() async throws {
        let closed = TestHTTPServer()
        let port = try closed.start()
        closed.stop()
        let client = CurlClient(configuration: FetchConfiguration(userAgent: Self.userAgent))
        defer { client.shutdown() }
        let url = "http://127.0.0.1:\(port)/"

        do {
            _ = try await client.fetch(FetchRequest(url: url))
            Issue.record("expected a connect failure")
        } catch {
            #expect(error.kind == .connectFailure)
            #expect(error.url == url)
            #expect(!error.message.isEmpty)
            #expect(error.description.contains(url))
        }
    }

    @Test func unresolvableHostIsADNSFailure() async throws {
        var configuration = FetchConfiguration(userAgent: Self.userAgent)
        configuration.connectTimeout = .seconds(10)
        let client = CurlClient(configuration: configuration)
        defer { client.shutdown() }

        // A 64-character label is longer than DNS allows: the resolver refuses it without asking
        // a name server (a plain `.invalid` name would be sent to the configured one).
        let url = "http://\(String(repeating: "a", count: 64)).invalid/"
        do {
            _ = try await client.fetch(FetchRequest(url: url))
            Issue.record("expected a DNS failure")
        } catch {
            #expect(error.kind == .dnsFailure)
            #expect(error.url == url)
        }
    }

    @Test func tlsHandshakeFailureIsATLSFailure() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        let url = "https://127.0.0.1:\(fixture.server.port)/"

        do {
            _ = try await fixture.client.fetch(FetchRequest(url: url))
            Issue.record("expected a TLS failure")
        } catch {
            #expect(error.kind == .tlsFailure, "\(error)")
            #expect(error.url == url)
        }
    }

    @Test func resetConnectionIsConnectionLost() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        fixture.server.route("/reset", reply: .reset)
        fixture.server.route("/hangup", reply: .raw([]))

        for path in ["/reset", "/hangup"] {
            do {
                _ = try await fixture.fetch(path)
                Issue.record("expected \(path) to fail")
            } catch {
                #expect(error.kind == .connectionLost, "\(path): \(error)")
            }
        }
    }

    @Test func malformedReplyIsAProtocolError() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        fixture.server.route("/junk", reply: .raw(Array("SSH-2.0-OpenSSH\r\n\r\n".utf8)))

        do {
            _ = try await fixture.fetch("/junk")
            Issue.record("expected a protocol error")
        } catch {
            #expect(error.kind == .protocolError)
        }
    }

    @Test func invalidRequestsAreRefused() async throws {
        let client = CurlClient(configuration: FetchConfiguration(userAgent: Self.userAgent))
        defer { client.shutdown() }

        for request in [
            FetchRequest(url: "ftp://127.0.0.1/file"),
            FetchRequest(url: "file:///etc/passwd"),
            FetchRequest(url: "http://127.0.0.1/a b"),
            FetchRequest(url: "http://127.0.0.1/", headers: ["X-Evil": "a\r\nInjected: 1"]),
            FetchRequest(url: "http://127.0.0.1/", headers: ["Bad Name": "x"]),
        ] {
            await #expect {
                try await client.fetch(request)
            } throws: { error in
                (error as? FetchError)?.kind == .invalidRequest
            }
        }
    }

    @Test func headRequestHasNoBody() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        fixture.server.route("/doc", reply: .text("some body"))

        let response = try await fixture.fetch("/doc", method: .head)

        #expect(response.statusCode == 200)
        #expect(response.body.isEmpty)
        #expect(response.headers["Content-Length"] == "9")
        #expect(String(decoding: response.requestHead, as: UTF8.self).hasPrefix("HEAD /doc HTTP/1.1\r\n"))
    }

    @Test func retryAfterHeaderIsReported() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        fixture.server.route("/busy", reply: .status(429, retryAfter: "2"))

        let response = try await fixture.fetch("/busy")

        #expect(response.statusCode == 429)
        #expect(response.headers["Retry-After"] == "2")
    }

    @Test func sequentialFetchesReuseTheConnection() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        fixture.server.route("/a", reply: .text("a"))

        let first = try await fixture.fetch("/a")
        let second = try await fixture.fetch("/a")
        let third = try await fixture.fetch("/a")

        #expect(!first.reusedConnection)
        #expect(second.reusedConnection)
        #expect(third.reusedConnection)
        #expect(fixture.server.connectionsAccepted == 1)
        #expect(Set(fixture.server.requests.map(\.connectionID)) == [1])
    }

    @Test func fiftyConcurrentFetchesComplete() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        fixture.server.fallback { request in
            .delay(0.05, then: .text("item \(request.target)"))
        }

        for _ in 0..<2 {
            let results = try await withThrowingTaskGroup(of: (Int, FetchResponse).self) { group in
                for index in 0..<50 {
                    group.addTask { (index, try await fixture.fetch("/item?i=\(index)")) }
                }
                var results: [Int: FetchResponse] = [:]
                for try await (index, response) in group { results[index] = response }
                return results
            }
            #expect(results.count == 50)
            for (index, response) in results {
                #expect(response.statusCode == 200)
                #expect(response.body == Array("item /item?i=\(index)".utf8))
            }
        }
        // The second round ran on the first round's kept-alive connections.
        #expect(fixture.server.requests.count == 100)
        #expect(fixture.server.connectionsAccepted <= 64)
        #expect(fixture.server.connectionsAccepted < 100)
    }

    @Test func cancellationStopsATransfer() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        fixture.server.route("/forever", reply: .delay(10, then: .text("too late")))

        let started = ContinuousClock.now
        let task = Task { try await fixture.fetch("/forever") }
        // Let the request reach the server before cancelling.
        while fixture.server.requests(path: "/forever").isEmpty && ContinuousClock.now - started < .seconds(5) {
            try await Task.sleep(for: .milliseconds(10))
        }
        task.cancel()
        let result = await task.result

        #expect(ContinuousClock.now - started < .seconds(5))
        guard case .failure(let error) = result else {
            Issue.record("expected cancellation")
            return
        }
        #expect((error as? FetchError) == .cancelled(url: fixture.server.url("/forever")))

        // An already-cancelled task does not send anything.
        let before = fixture.server.requests.count
        let cancelled = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await fixture.fetch("/forever")
        }
        await #expect(throws: FetchError.self) { try await cancelled.value }
        #expect(fixture.server.requests.count == before)
    }

    @Test func manyCancellationsLeaveTheClientUsable() async throws {
        let fixture = try Fixture { $0.maxConcurrentTransfers = 4 }
        defer { fixture.finish() }
        fixture.server.route("/slow", reply: .delay(2, then: .text("slow")))
        fixture.server.route("/fast", reply: .text("fast"))

        // Some of these are running, most are still queued when they are cancelled.
        let tasks = (0..<20).map { _ in Task { try await fixture.fetch("/slow") } }
        try await Task.sleep(for: .milliseconds(100))
        for task in tasks { task.cancel() }
        for task in tasks {
            let result = await task.result
            if case .success = result { Issue.record("a cancelled fetch succeeded") }
        }

        let response = try await fixture.fetch("/fast")
        #expect(response.body == Array("fast".utf8))
    }

    @Test func shutdownFailsLaterFetches() async throws {
        let client = CurlClient(configuration: FetchConfiguration(userAgent: Self.userAgent))
        client.shutdown()
        client.shutdown()

        await #expect(throws: FetchError.cancelled(url: "http://127.0.0.1:1/")) {
            try await client.fetch(FetchRequest(url: "http://127.0.0.1:1/"))
        }
    }

    /// Loopback throughput: 1,000 small fetches, 32 at a time. Prints requests per second.
    @Test func loopbackThroughput() async throws {
        let fixture = try Fixture()
        defer { fixture.finish() }
        fixture.server.route("/small", reply: .text(String(repeating: "x", count: 512)))
        let total = 1000
        let concurrency = 32

        let started = ContinuousClock.now
        let completed = try await withThrowingTaskGroup(of: Int.self) { group in
            var next = 0
            var completed = 0
            for _ in 0..<concurrency {
                group.addTask { try await fixture.fetch("/small").statusCode }
                next += 1
            }
            for try await status in group {
                if status == 200 { completed += 1 }
                if next < total {
                    group.addTask { try await fixture.fetch("/small").statusCode }
                    next += 1
                }
            }
            return completed
        }
        let elapsed = ContinuousClock.now - started

        #expect(completed == total)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            "loopback throughput: \(total) fetches, \(concurrency) concurrent, "
                + "\(Int(Double(total) / seconds)) requests/s, \(fixture.server.connectionsAccepted) connections")
    }
}
