import Crawling
import Foundation
import TestHTTPServer
import Testing

/// A crawl of an HTTPS server with a self-signed certificate made at test time (`openssl
/// s_server` on 127.0.0.1): refused with a TLS reason by default, archived when the certificate
/// is configured as the CA file.
@Suite(.serialized) struct TLSFailureTests {
    static let openssl = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Runs openssl to the end; true when it exited 0.
    static func runOpenSSL(_ arguments: [String]) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl ?? "/usr/bin/openssl")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// A port nothing listens on (the system picked it for a moment).
    static func freePort() throws -> UInt16 {
        let probe = TestHTTPServer()
        let port = try probe.start()
        probe.stop()
        return port
    }

    /// Waits until something accepts connections on `port` (at most `seconds`).
    static func waitForListener(port: UInt16, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            close(fd)
            if connected == 0 { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    @Test(.enabled(if: openssl != nil, "needs openssl to make a certificate and serve TLS"))
    func selfSignedCertificateIsRefusedUnlessConfigured() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vestige-tls-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let certificate = folder + "/cert.pem"
        let key = folder + "/key.pem"
        #expect(
            try Self.runOpenSSL([
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate,
            ]))
        let port = try Self.freePort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: Self.openssl ?? "/usr/bin/openssl")
        // -www answers every GET with a small HTML status page (HTTP/1.0).
        server.arguments = [
            "s_server", "-accept", "127.0.0.1:\(port)", "-cert", certificate, "-key", key, "-www", "-quiet",
        ]
        server.standardInput = FileHandle.nullDevice
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            // SIGKILL: the child inherits the test runner's blocked signals, SIGTERM included.
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        try #require(Self.waitForListener(port: port, seconds: 10), "openssl s_server did not start")
        let url = "https://127.0.0.1:\(port)/"

        // Default: the system's CAs do not know this certificate.
        let refused = try await HostileServerTests.crawl([url]) { $0.ignoreRobots = true }
        defer { try? FileManager.default.removeItem(atPath: refused.layout.directory) }
        let outcome = try #require(refused.outcomes[url])
        #expect(outcome.state == "failed")
        #expect(outcome.reason?.hasPrefix("TLS failure") == true, "\(String(describing: outcome.reason))")
        #expect(outcome.attempts == 1, "a certificate problem is not retried")
        #expect(refused.captures.isEmpty)
        #expect(try refused.verifierProblems().isEmpty)

        // With the certificate as the CA file, the page is archived.
        let trusted = try await HostileServerTests.crawl([url]) {
            $0.ignoreRobots = true
            $0.caFile = certificate
        }
        defer { try? FileManager.default.removeItem(atPath: trusted.layout.directory) }
        #expect(trusted.outcomes[url]?.state == "done")
        #expect(trusted.captures[url]?.first?.0 == 200)
        #expect(try trusted.verifierProblems().isEmpty)
    }
}
