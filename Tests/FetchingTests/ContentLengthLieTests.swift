import Fetching
import TestHTTPServer
import Testing

/// A server that sends more bytes than its Content-Length announces, on a keep-alive connection:
/// the extra bytes must not become the response of the next request (response desync).
@Suite struct ContentLengthLieTests {
    /// A whole second response, sent after the announced 5-byte body "12345".
    static let extra = Array("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nfake".utf8)

    /// A client running at most `transfers` transfers at once.
    static func client(transfers: Int) -> CurlClient {
        var configuration = FetchConfiguration(userAgent: "vestige-test")
        configuration.maxConcurrentTransfers = transfers
        return CurlClient(configuration: configuration)
    }

    /// The lie in one write (libcurl sees the excess itself) and head and body in two writes (the
    /// excess is still in the socket when the transfer ends).
    @Test(arguments: [true, false])
    func extraBytesDoNotBecomeTheNextResponse(oneWrite: Bool) async throws {
        let server = TestHTTPServer()
        server.route(
            "/lie",
            reply: oneWrite
                ? .rawKeepingConnection(Array("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n12345".utf8) + Self.extra)
                : .response(status: 200, headers: [("Content-Length", "5")], body: Array("12345".utf8) + Self.extra))
        server.route("/next", reply: .text("the real next page"))
        _ = try server.start()
        defer { server.stop() }
        let client = Self.client(transfers: 1)
        defer { client.shutdown() }

        for _ in 0..<5 {
            let lie = try await client.fetch(FetchRequest(url: server.url("/lie")))
            #expect(lie.body == Array("12345".utf8))
            let next = try await client.fetch(FetchRequest(url: server.url("/next")))
            #expect(next.body == Array("the real next page".utf8), "got \(String(decoding: next.body, as: UTF8.self))")
        }
        #expect(server.requests(path: "/next").count == 5)
    }

    /// The same with several transfers under way at once, sharing kept-alive connections: the
    /// guard looks before every request, whichever transfer took the connection over.
    @Test func extraBytesDoNotBecomeAnotherResponseUnderConcurrency() async throws {
        let server = TestHTTPServer()
        server.route(
            "/lie",
            reply: .response(status: 200, headers: [("Content-Length", "5")], body: Array("12345".utf8) + Self.extra))
        server.fallback { request in .text("real \(request.path)") }
        _ = try server.start()
        defer { server.stop() }
        let client = Self.client(transfers: 4)
        defer { client.shutdown() }
        let wrong = await withTaskGroup(of: Int.self) { group in
            for number in 0..<60 {
                group.addTask {
                    let path = number % 3 == 0 ? "/lie" : "/p/\(number)"
                    // A failed fetch counts as wrong too.
                    guard let response = try? await client.fetch(FetchRequest(url: server.url(path))) else { return 1 }
                    let expected = path == "/lie" ? Array("12345".utf8) : Array("real \(path)".utf8)
                    return response.body == expected ? 0 : 1
                }
            }
            return await group.reduce(0, +)
        }
        #expect(wrong == 0)
    }

    /// The excess check must never take another transfer's response for excess: libcurl hands a
    /// finished transfer's connection to a waiting one at once, and reading that response away
    /// made libcurl ask again (a fifth of a crawl's requests were sent twice). Every URL once.
    @Test func transfersSharingConnectionsAskOnce() async throws {
        let server = TestHTTPServer()
        server.fallback { request in .text("page \(request.path) " + String(repeating: "x", count: 2000)) }
        _ = try server.start()
        defer { server.stop() }
        let client = Self.client(transfers: 16)
        defer { client.shutdown() }
        let count = 300
        let failures = await withTaskGroup(of: Int.self) { group in
            for number in 0..<count {
                group.addTask {
                    let url = server.url("/p/\(number)")
                    guard let response = try? await client.fetch(FetchRequest(url: url)) else { return 1 }
                    return response.body.starts(with: Array("page /p/\(number) ".utf8)) ? 0 : 1
                }
            }
            return await group.reduce(0, +)
        }
        #expect(failures == 0)
        let asked = server.requests.map(\.path)
        #expect(asked.count == count)
        #expect(Set(asked).count == count)
        #expect(server.connectionsAccepted < count / 4, "connections were kept alive and reused")
    }
}
