import Foundation
import Testing

@testable import SamplePlatform

/// Original and transcoded media over HTTP, Range requests, and the metadata stripper itself.
@Suite struct MediaTests {
    @Test func rangeRequestsReturnExactBytes() async throws {
        let name = "DSCN0010.jpg"
        let original = try SampleFixture.media(name)
        let size = original.count
        try await withSharedPlatform { port in
            let path = "/media/original/\(name)"
            let full = try await LoopbackHTTPClient.get(port, path)
            #expect(full.status == 200)
            #expect(full.body == original)
            #expect(full.header("Content-Type") == "image/jpeg")
            #expect(full.header("Accept-Ranges") == "bytes")

            let head = try await LoopbackHTTPClient.get(port, path, headers: [("Range", "bytes=0-99")])
            #expect(head.status == 206)
            #expect(head.header("Content-Range") == "bytes 0-99/\(size)")
            #expect(head.header("Content-Length") == "100")
            #expect(head.body == Array(original[0..<100]))

            let open = try await LoopbackHTTPClient.get(port, path, headers: [("Range", "bytes=\(size - 7)-")])
            #expect(open.status == 206)
            #expect(open.header("Content-Range") == "bytes \(size - 7)-\(size - 1)/\(size)")
            #expect(open.body == Array(original[(size - 7)...]))

            let suffix = try await LoopbackHTTPClient.get(port, path, headers: [("Range", "bytes=-16")])
            #expect(suffix.status == 206)
            #expect(suffix.header("Content-Range") == "bytes \(size - 16)-\(size - 1)/\(size)")
            #expect(suffix.body == Array(original[(size - 16)...]))

            let clamped = try await LoopbackHTTPClient.get(port, path, headers: [("Range", "bytes=10-999999999")])
            #expect(clamped.status == 206)
            #expect(clamped.body == Array(original[10...]))

            let beyond = try await LoopbackHTTPClient.get(port, path, headers: [("Range", "bytes=\(size)-")])
            #expect(beyond.status == 416)
            #expect(beyond.header("Content-Range") == "bytes */\(size)")

            let etag = try #require(full.header("ETag"))
            let cached = try await LoopbackHTTPClient.get(port, path, headers: [("If-None-Match", etag)])
            #expect(cached.status == 304)
            #expect(cached.body.isEmpty)
            #expect(try await LoopbackHTTPClient.get(port, "/media/original/nope.jpg").status == 404)
            #expect(try await LoopbackHTTPClient.get(port, "/media/original/..%2Fplatform%2Fusers.json").status == 404)
        }
    }

    @Test func transcodedJPEGHasNoAPP1ButTheOriginalHas() async throws {
        try await withSharedPlatform { port in
            for name in ["DSCN0010.jpg", "Kodak_CX7530.jpg", "gps_null_island.jpg"] {
                let original = try await LoopbackHTTPClient.get(port, "/media/original/\(name)")
                let transcoded = try await LoopbackHTTPClient.get(port, "/media/transcoded/\(name)")
                #expect(transcoded.status == 200)
                #expect(transcoded.header("Content-Type") == "image/jpeg")
                #expect(jpegMarkers(original.body).contains(0xE1), "\(name) original has APP1")
                let markers = jpegMarkers(transcoded.body)
                #expect(!markers.contains { (0xE1...0xEF).contains($0) }, "\(name) transcode has no APP1…APP15")
                #expect(markers.contains(0xDA), "\(name) transcode still has its scan")
                #expect(transcoded.body.count < original.body.count)
            }
        }
    }

    @Test func videoTranscodesRenameMetadataBoxesKeepingOffsets() async throws {
        for name in ["android_xyz_faststart.mp4", "iphone_keys_moov_end.mov", "loci_3gp.3gp", "mvhd_v1.mp4"] {
            let original = try SampleFixture.media(name)
            let stripped = MetadataStripper.strip(
                original, mimeType: name.hasSuffix(".mov") ? "video/quicktime" : "video/mp4")
            #expect(stripped.count == original.count)
            #expect(!containsBox(stripped, "udta"), "\(name) has no udta box left")
            #expect(!containsBox(stripped, "meta"), "\(name) has no meta box left")
            let differing = zip(original, stripped).filter { $0 != $1 }.count
            #expect(differing > 0 && differing % 4 == 0, "\(name): only box types change")
        }
    }

    @Test func pngAndWebPTranscodesDropMetadataChunks() throws {
        let png = try SampleFixture.media("png_exif_after_idat.png")
        let strippedPNG = MetadataStripper.strip(png, mimeType: "image/png")
        #expect(!pngChunkTypes(png).filter { $0 == "eXIf" }.isEmpty)
        #expect(pngChunkTypes(strippedPNG).allSatisfy { !["eXIf", "iTXt", "tEXt", "zTXt"].contains($0) })
        #expect(pngChunkTypes(strippedPNG).last == "IEND")

        for name in ["webp_exif.webp", "webp_exif_header.webp"] {
            let webp = try SampleFixture.media(name)
            let stripped = MetadataStripper.strip(webp, mimeType: "image/webp")
            #expect(String(decoding: webp, as: UTF8.self).contains("EXIF"))
            #expect(!String(decoding: stripped, as: UTF8.self).contains("EXIF"))
            let riffSize = Int(stripped[4]) | Int(stripped[5]) << 8 | Int(stripped[6]) << 16 | Int(stripped[7]) << 24
            #expect(riffSize == stripped.count - 8)
            #expect(stripped[20] & 0x08 == 0, "VP8X EXIF flag cleared")
        }
    }

    @Test func brokenJPEGIsCutNotCrashed() throws {
        let truncated = try SampleFixture.media("truncated_app1.jpg")
        let stripped = MetadataStripper.strip(truncated, mimeType: "image/jpeg")
        #expect(stripped == [0xFF, 0xD8])
        #expect(MetadataStripper.strip([0xFF], mimeType: "image/jpeg") == [0xFF])
        #expect(MetadataStripper.strip([], mimeType: "video/mp4") == [])
        #expect(MetadataStripper.strip(Array("RIFF".utf8), mimeType: "image/webp") == Array("RIFF".utf8))
    }
}

/// The markers of a JPEG's header segments, up to and including SOS.
func jpegMarkers(_ bytes: [UInt8]) -> [UInt8] {
    var markers: [UInt8] = []
    var index = 2
    while index + 3 < bytes.count, bytes[index] == 0xFF {
        let marker = bytes[index + 1]
        markers.append(marker)
        if marker == 0xDA { break }
        index += 2 + (Int(bytes[index + 2]) << 8 | Int(bytes[index + 3]))
    }
    return markers
}

func pngChunkTypes(_ bytes: [UInt8]) -> [String] {
    var types: [String] = []
    var index = 8
    while index + 8 <= bytes.count {
        let length =
            Int(bytes[index]) << 24 | Int(bytes[index + 1]) << 16 | Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
        types.append(String(decoding: bytes[index + 4..<index + 8], as: UTF8.self))
        index += 12 + length
    }
    return types
}

/// Whether a box of `type` occurs anywhere in the moov tree (walking moov, trak, udta, meta, mdia, minf, stbl).
func containsBox(_ bytes: [UInt8], _ type: String, from start: Int = 0, to end: Int? = nil) -> Bool {
    let end = end ?? bytes.count
    var index = start
    while index + 8 <= end {
        var size =
            Int(bytes[index]) << 24 | Int(bytes[index + 1]) << 16 | Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
        if size == 0 { size = end - index }
        guard size >= 8, index + size <= end else { return false }
        let boxType = String(decoding: bytes[index + 4..<index + 8], as: UTF8.self)
        if boxType == type { return true }
        if ["moov", "trak", "mdia", "minf", "stbl", "udta"].contains(boxType),
            containsBox(bytes, type, from: index + 8, to: index + size)
        {
            return true
        }
        index += size
    }
    return false
}
