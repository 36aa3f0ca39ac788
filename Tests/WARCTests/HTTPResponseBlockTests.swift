import Testing
import WARC

@Suite struct HTTPResponseBlockTests {
    @Test func splitsHeadAndBody() throws {
        let raw = TestSupport.response(body: "hello")
        let block = try #require(HTTPResponseBlock(parsing: raw))
        #expect(block.statusCode == 200)
        #expect(block.reason == "OK")
        #expect(block.httpVersion == "HTTP/1.1")
        #expect(block.headers["content-type"] == "text/html; charset=utf-8")
        #expect(block.mediaType == "text/html")
        #expect(Array(block.payload) == Array("hello".utf8))
        #expect(block.chunked == .notChunked)
        #expect(block.headLength + 5 == raw.count)
    }

    @Test func dechunksForThePayloadDigest() throws {
        let raw = TestSupport.chunkedResponse(chunks: ["hel", "lo"])
        let block = try #require(HTTPResponseBlock(parsing: raw))
        #expect(block.chunked == .complete)
        #expect(Array(block.payload) == Array("hello".utf8))
        #expect(block.payloadDigest().description == "sha1:VL2MMHO4YXUKFWV63YHTWSBM3GXKSQ2N")
        let record = WARCRecordBuilder.response(targetURI: "http://example.com/", httpResponse: raw)
        #expect(record.payloadDigest?.description == "sha1:VL2MMHO4YXUKFWV63YHTWSBM3GXKSQ2N")
        #expect(record.blockDigest == WARCDigest.compute(raw))
    }

    @Test func chunkExtensionsTrailersAndBareLineFeeds() throws {
        let text =
            "HTTP/1.1 200 OK\nTransfer-Encoding: gzip, chunked\n\n5;name=value\nhello\n6\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n"
        let block = try #require(HTTPResponseBlock(parsing: Array(text.utf8)))
        #expect(block.chunked == .complete)
        #expect(String(decoding: block.payload, as: UTF8.self) == "hello world")
    }

    @Test func truncatedChunkedBodyIsReported() throws {
        let cutInChunk = Array(TestSupport.chunkedResponse(chunks: ["hello", "world"]).dropLast(9))
        let block = try #require(HTTPResponseBlock(parsing: cutInChunk))
        #expect(block.chunked == .truncated)
        #expect(String(decoding: block.payload, as: UTF8.self) == "hellowor")

        let noLastChunk = TestSupport.chunkedResponse(chunks: ["hello"], complete: false)
        let other = try #require(HTTPResponseBlock(parsing: noLastChunk))
        #expect(other.chunked == .truncated)
        #expect(String(decoding: other.payload, as: UTF8.self) == "hello")
    }

    @Test func malformedChunkingFallsBackToTheRawBody() throws {
        let text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nnot hex\r\nbody"
        let block = try #require(HTTPResponseBlock(parsing: Array(text.utf8)))
        #expect(block.chunked == .malformed(bodyOffset: 0))
        #expect(String(decoding: block.payload, as: UTF8.self) == "not hex\r\nbody")
    }

    @Test func headWithoutBlankLineAndNonHTTP() throws {
        let partial = try #require(HTTPResponseBlock(parsing: Array("HTTP/1.0 404 Not Found\r\nServer: x".utf8)))
        #expect(!partial.headComplete)
        #expect(partial.statusCode == 404)
        #expect(partial.payload.isEmpty)
        #expect(HTTPResponseBlock(parsing: Array("GET / HTTP/1.1\r\n\r\n".utf8)) == nil)
    }

    @Test func requestBlockFromURL() throws {
        var headers = WARCHeaders()
        headers.append("User-Agent", "ua")
        let bytes = try #require(
            HTTPRequestBlock.make(url: "https://user@Example.com:8443/a/b?c=d#frag", headers: headers))
        #expect(
            String(decoding: bytes, as: UTF8.self)
                == "GET /a/b?c=d HTTP/1.1\r\nHost: Example.com:8443\r\nUser-Agent: ua\r\n\r\n")
        let root = try #require(
            HTTPRequestBlock.make(method: "HEAD", url: "http://example.com", headers: WARCHeaders()))
        #expect(String(decoding: root, as: UTF8.self) == "HEAD / HTTP/1.1\r\nHost: example.com\r\n\r\n")
        #expect(HTTPRequestBlock.make(url: "ftp://example.com/", headers: headers) == nil)
    }
}
