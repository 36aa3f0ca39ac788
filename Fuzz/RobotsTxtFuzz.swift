// libFuzzer harness for robots.txt (RFC 9309): any bytes parse into rules, and matching paths
// against them never traps or takes long (patterns with many wildcards). Built by scripts/fuzz.
import Fetching

private let paths = [
    "/", "/robots.txt", "/a/b/c.html?q=1", "/%E2%82%AC/x", "/private/secret$", "/***/a*b*c*d*e*f*g*h",
    "/" + String(repeating: "a", count: 2000),
]

/// libFuzzer entry point: one input, in memory.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let rules = RobotsRules(status: 200, body: bytes, userAgent: "vestige/0.1 (+https://example.org/vestige)")
    for path in paths { _ = rules.allows(path) }
    // The input as a path too: hostile URLs meet ordinary rules.
    let path = "/" + String(decoding: bytes.prefix(4096), as: UTF8.self)
    _ = rules.allows(path)
    _ = RobotsRules(status: 200, body: Array("User-agent: *\nDisallow: /*a*b*$\nAllow: /a\n".utf8), userAgent: "v")
        .allows(path)
    return 0
}
