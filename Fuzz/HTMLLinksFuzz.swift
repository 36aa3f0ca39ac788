// libFuzzer harness for HTML link extraction (libxml2's HTML parser under LinkExtractor, with
// srcset, meta refresh, CSS url() and JSON-LD) and page text: any bytes give links or none,
// never a trap, a hang or an unbounded allocation. Built by scripts/fuzz, linked with -lxml2.
import Crawling
import HTMLParsing

private let base = CrawlURL("https://example.org/dir/page.html")

/// libFuzzer entry point: one input, in memory.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    guard let base else { return 0 }
    _ = LinkExtractor.extract(html: bytes, base: base).all
    if let document = HTMLDocument(bytes, url: base.string) {
        _ = document.title
        _ = document.visibleText(limit: 64 << 10)
    }
    return 0
}
