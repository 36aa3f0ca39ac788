import BinaryParsing
import Foundation
import Synchronization
import Testing

@testable import MediaMetadata

/// One fixture with the values exiftool 12.57 printed for it (`expected.json`).
struct ISOBMFFSample: Sendable, CustomTestStringConvertible {
    let file: String
    let values: [MetadataField: ExpectedValue]
    var testDescription: String { file }
}

@Suite struct ISOBMFFParserTests {
    // MARK: Real files

    static let samples: [ISOBMFFSample] = [
        .init(
            file: "video/android_xyz_faststart.mp4",
            values: [
                .fileType: .text("MP4"), .mimeType: .text("video/mp4"), .imageWidth: .number(160),
                .imageHeight: .number(120), .createDate: .text("2023:06:15 10:30:45"), .gpsLatitude: .number(48.8584),
                .gpsLongitude: .number(2.2945), .duration: .number(2),
            ]),
        .init(
            file: "video/android_xyz_moov_end.mp4",
            values: [
                .fileType: .text("MP4"), .mimeType: .text("video/mp4"), .imageWidth: .number(160),
                .imageHeight: .number(120), .createDate: .text("2023:06:15 10:30:45"), .gpsLatitude: .number(48.8584),
                .gpsLongitude: .number(2.2945), .duration: .number(2),
            ]),
        .init(
            file: "video/iphone_keys_faststart.mov",
            values: [
                .fileType: .text("MOV"), .mimeType: .text("video/quicktime"), .imageWidth: .number(160),
                .imageHeight: .number(120), .make: .text("Apple"), .model: .text("iPhone 13 Pro Max"),
                .software: .number(16.5), .createDate: .text("2023:06:15 10:30:45"),
                .creationDate: .text("2023:06:15 12:30:45+02:00"), .gpsLatitude: .number(48.8584),
                .gpsLongitude: .number(2.2945), .gpsAltitude: .number(35), .duration: .number(2),
            ]),
        .init(
            file: "video/iphone_keys_moov_end.mov",
            values: [
                .fileType: .text("MOV"), .mimeType: .text("video/quicktime"), .imageWidth: .number(160),
                .imageHeight: .number(120), .make: .text("Apple"), .model: .text("iPhone 13 Pro Max"),
                .software: .number(16.5), .createDate: .text("2023:06:15 10:30:45"),
                .creationDate: .text("2023:06:15 12:30:45+02:00"), .gpsLatitude: .number(48.8584),
                .gpsLongitude: .number(2.2945), .gpsAltitude: .number(35), .duration: .number(2),
            ]),
        .init(
            file: "video/loci_3gp.3gp",
            values: [
                .fileType: .text("3GP"), .mimeType: .text("video/3gpp"), .imageWidth: .number(176),
                .imageHeight: .number(144), .createDate: .text("2023:06:15 10:30:45"), .gpsLatitude: .number(-22.95189),
                .gpsLongitude: .number(-43.21049), .gpsAltitude: .number(700.5), .duration: .number(2),
            ]),
        .init(
            file: "video/loci_named.mp4",
            values: [
                .fileType: .text("MP4"), .mimeType: .text("video/mp4"), .imageWidth: .number(160),
                .imageHeight: .number(120), .createDate: .text("2023:06:15 10:30:45"), .gpsLatitude: .number(35.6586),
                .gpsLongitude: .number(139.74541), .gpsAltitude: .number(150), .duration: .number(2),
            ]),
        .init(
            file: "video/mvhd_v1.mp4",
            values: [
                .fileType: .text("MP4"), .mimeType: .text("video/mp4"), .imageWidth: .number(160),
                .imageHeight: .number(120), .createDate: .text("2023:06:15 10:30:45"), .gpsLatitude: .number(-33.8568),
                .gpsLongitude: .number(151.2153), .duration: .number(3),
            ]),
        .init(
            file: "video/no_location.mp4",
            values: [
                .fileType: .text("MP4"), .mimeType: .text("video/mp4"), .imageWidth: .number(160),
                .imageHeight: .number(120), .createDate: .text("2023:06:15 10:30:45"), .duration: .number(2),
            ]),
        .init(
            file: "video/null_island.mp4",
            values: [
                .fileType: .text("MP4"), .mimeType: .text("video/mp4"), .imageWidth: .number(160),
                .imageHeight: .number(120), .createDate: .text("2023:06:15 10:30:45"), .gpsLatitude: .number(0),
                .gpsLongitude: .number(0), .duration: .number(2),
            ]),
        .init(
            file: "video/zero_dates.mp4",
            values: [
                .fileType: .text("MP4"), .mimeType: .text("video/mp4"), .imageWidth: .number(160),
                .imageHeight: .number(120), .createDate: .text("0000:00:00 00:00:00"), .gpsLatitude: .number(40.6892),
                .gpsLongitude: .number(-74.0445), .duration: .number(2),
            ]),
        .init(
            file: "heic/IMG_5195.HEIC",
            values: [
                .fileType: .text("HEIC"), .mimeType: .text("image/heic"), .imageWidth: .number(2566),
                .imageHeight: .number(3313), .make: .text("Apple"), .model: .text("iPhone 11 Pro Max"),
                .software: .text("14.4.2"), .dateTimeOriginal: .text("2021:04:11 15:47:53"),
                .createDate: .text("2021:04:11 15:47:53"), .offsetTimeOriginal: .text("-05:00"),
                .gpsLatitude: .number(39.0513444444444), .gpsLongitude: .number(-94.2887722222222),
                .gpsAltitude: .number(260.5606383),
            ]),
        .init(
            file: "heic/HMD_Nokia_8.3_5G.heif",
            values: [
                .fileType: .text("HEIC"), .mimeType: .text("image/heic"), .imageWidth: .number(4608),
                .imageHeight: .number(3456), .software: .text("00WW_2_270_SP04"), .gpsLatitude: .number(40.78868522),
                .gpsLongitude: .number(-4.00514085), .gpsAltitude: .number(1942.4216),
                .gpsDateTime: .text("2022:02:03 14:44:09Z"),
            ]),
        .init(
            file: "heic/HMD_Nokia_8.3_5G_hdr.heif",
            values: [
                .fileType: .text("HEIC"), .mimeType: .text("image/heic"), .imageWidth: .number(4608),
                .imageHeight: .number(3456), .software: .text("00WW_2_270_SP04"), .gpsLatitude: .number(40.6629935),
                .gpsLongitude: .number(-3.76374051), .gpsAltitude: .number(940.3186),
                .gpsDateTime: .text("2022:01:12 07:30:14Z"),
            ]),
        .init(
            file: "heic/iphone_13_pro_max.HEIC",
            values: [
                .fileType: .text("HEIC"), .mimeType: .text("image/heic"), .imageWidth: .number(4032),
                .imageHeight: .number(3024), .make: .text("Apple"), .model: .text("iPhone 13 Pro Max"),
                .software: .text("15.2.1"), .dateTimeOriginal: .text("2022:02:16 12:55:41"),
                .createDate: .text("2022:02:16 12:55:41"), .offsetTimeOriginal: .text("+01:00"),
            ]),
        .init(
            file: "heic/samplefilehub.heif",
            values: [
                .fileType: .text("HEIC"), .mimeType: .text("image/heic"), .imageWidth: .number(640),
                .imageHeight: .number(426),
            ]),
    ]

    @Test(arguments: samples)
    func matchesExiftool(_ sample: ISOBMFFSample) throws {
        let path = TestData.fixtures.appendingPathComponent(sample.file).path
        let metadata = try MetadataExtractor.extract(from: FileByteSource(path: path), fileName: sample.file)
        // loci stores 16.16 fixed point, which exiftool prints with 5 decimals.
        let gpsTolerance = sample.file.contains("loci") ? 1e-4 : 1e-6
        for (field, expected) in sample.values {
            let tolerance = field.rawValue.hasPrefix("GPS") ? gpsTolerance : 1e-9
            #expect(
                metadata[field].map { expected.matches($0, tolerance: tolerance) } == true,
                "\(field.rawValue): got \(metadata[field].map(String.init(describing:)) ?? "nothing"), expected \(expected)"
            )
        }
        // ContentCreateDate (©day) is read but was not in the exiftool command that made expected.json.
        let extra = metadata.fields.filter { sample.values[$0] == nil && $0 != .contentCreateDate }
        #expect(extra.isEmpty, "unexpected fields \(extra)")
        #expect(metadata.warnings.isEmpty)
    }

    // MARK: Box builders

    static func u16(_ v: UInt16) -> [UInt8] { [UInt8(v >> 8), UInt8(v & 0xFF)] }
    static func u32(_ v: UInt32) -> [UInt8] { u16(UInt16(v >> 16)) + u16(UInt16(v & 0xFFFF)) }
    static func u64(_ v: UInt64) -> [UInt8] { u32(UInt32(v >> 32)) + u32(UInt32(v & 0xFFFF_FFFF)) }
    static func fixed(_ v: Double) -> [UInt8] { u32(UInt32(bitPattern: Int32((v * 65536).rounded()))) }

    /// A box with a 32-bit size; `type` may contain © (`"©xyz"`).
    static func box(_ type: FourCC, _ parts: [UInt8]...) -> [UInt8] {
        let payload = parts.flatMap { $0 }
        return u32(UInt32(8 + payload.count)) + type.bytes + payload
    }

    /// A FullBox: version and flags, then the payload.
    static func fullBox(_ type: FourCC, version: UInt8 = 0, flags: UInt32 = 0, _ parts: [UInt8]...) -> [UInt8] {
        box(type, u32(UInt32(version) << 24 | flags), parts.flatMap { $0 })
    }

    static func ftyp(_ brand: FourCC) -> [UInt8] { box("ftyp", brand.bytes, u32(0), brand.bytes) }

    /// A version 0 `mvhd`; the default time is 2023-06-15 10:30:45 UTC in seconds since 1904.
    static func mvhd(created: UInt32 = 3_769_669_845, timescale: UInt32 = 1000, duration: UInt32 = 2500) -> [UInt8] {
        fullBox("mvhd", u32(created), u32(created), u32(timescale), u32(duration), [UInt8](repeating: 0, count: 80))
    }

    static func tkhd(width: Double, height: Double) -> [UInt8] {
        fullBox("tkhd", [UInt8](repeating: 0, count: 72), fixed(width), fixed(height))
    }

    /// QuickTime text item: 16-bit length, 16-bit language, text.
    static func textItem(_ type: FourCC, _ text: String) -> [UInt8] {
        box(type, u16(UInt16(text.utf8.count)), u16(0x15C7), Array(text.utf8))
    }

    /// 3GPP `loci` with the given name bytes (terminator included) and role 0.
    static func loci(name: [UInt8], latitude: Double, longitude: Double, altitude: Double) -> [UInt8] {
        fullBox(
            "loci", u16(0x55C4), name, [0], fixed(longitude), fixed(latitude), fixed(altitude), Array("earth".utf8),
            [0, 0])
    }

    static func extract(_ bytes: [UInt8], name: String = "test.mp4") throws -> MediaMetadata {
        try MetadataExtractor.extract(from: MemoryByteSource(bytes), fileName: name)
    }

    /// exiftool's text for `mvhd()`'s default time.
    static let juneDate = "2023:06:15 10:30:45"

    // MARK: Box sizes

    @Test func sixtyFourBitSizeIsRead() throws {
        let inner = Self.mvhd()
        let moov = Self.u32(1) + Array("moov".utf8) + Self.u64(UInt64(16 + inner.count)) + inner
        let metadata = try Self.extract(Self.ftyp("isom") + moov)
        #expect(metadata[.createDate] == .text(Self.juneDate))
        #expect(metadata[.duration] == .real(2.5))
        #expect(metadata.warnings.isEmpty)
    }

    @Test func sizeZeroRunsToEndOfFile() throws {
        let payload = Self.mvhd()
        let metadata = try Self.extract(Self.ftyp("isom") + Self.u32(0) + Array("moov".utf8) + payload)
        #expect(metadata[.createDate] == .text(Self.juneDate))
        #expect(metadata.warnings.isEmpty)
    }

    @Test func boxPastEndOfFileWarnsAndKeepsEarlierValues() throws {
        let moov = Self.box("moov", Self.mvhd(), Self.box("trak", Self.tkhd(width: 1920, height: 1080)))
        let cutMdat = Self.u32(100_000) + Array("mdat".utf8) + [1, 2, 3]
        let metadata = try Self.extract(Self.ftyp("isom") + moov + cutMdat)
        #expect(metadata[.createDate] == .text(Self.juneDate))
        #expect(metadata[.imageWidth] == .integer(1920))
        #expect(metadata.warnings.contains { $0.contains("'mdat'") && $0.contains("past the end") })
    }

    @Test func truncatedMoovKeepsWhatIsThere() throws {
        let moov = Self.box("moov", Self.mvhd(), Self.box("udta", Self.textItem("©xyz", "+48.8584+002.2945/")))
        let metadata = try Self.extract(Self.ftyp("isom") + moov.dropLast(5))
        #expect(metadata[.createDate] == .text(Self.juneDate))
        #expect(metadata.latitude == nil)
        #expect(metadata.warnings.contains { $0.contains("'moov'") && $0.contains("truncated") })
    }

    @Test func sizeSmallerThanHeaderWarnsAndKeepsEarlierValues() throws {
        let badChild = Self.u32(3) + Array("junk".utf8)
        let moov = Self.box("moov", Self.mvhd(), badChild, Self.box("trak", Self.tkhd(width: 640, height: 480)))
        let badTop = Self.u32(4) + Array("free".utf8)
        let laterMoov = Self.box("moov", Self.box("trak", Self.tkhd(width: 320, height: 240)))
        let metadata = try Self.extract(Self.ftyp("isom") + moov + badTop + laterMoov)
        #expect(metadata[.createDate] == .text(Self.juneDate))
        #expect(metadata[.imageWidth] == nil)
        #expect(metadata.warnings.contains { $0.contains("'junk' has size 3") })
        #expect(metadata.warnings.contains { $0.contains("'free' has size 4") })
    }

    // MARK: Movie and track headers

    @Test func movieHeaderVersion1() throws {
        let created: UInt64 = 3_769_669_845
        let mvhd = Self.fullBox(
            "mvhd", version: 1, Self.u64(created), Self.u64(created), Self.u32(2_000_000_000),
            Self.u64(6_000_000_000), [UInt8](repeating: 0, count: 80))
        let tkhd = Self.fullBox(
            "tkhd", version: 1, [UInt8](repeating: 0, count: 84), Self.fixed(160), Self.fixed(120))
        let metadata = try Self.extract(Self.ftyp("isom") + Self.box("moov", mvhd, Self.box("trak", tkhd)))
        #expect(metadata[.createDate] == .text(Self.juneDate))
        #expect(metadata[.duration] == .integer(3))
        #expect(metadata[.imageWidth] == .integer(160))
        #expect(metadata[.imageHeight] == .integer(120))
    }

    @Test func timescaleZeroGivesNoDuration() throws {
        let metadata = try Self.extract(Self.ftyp("isom") + Self.box("moov", Self.mvhd(created: 0, timescale: 0)))
        #expect(metadata[.createDate] == .text("0000:00:00 00:00:00"))
        #expect(metadata[.duration] == nil)
        #expect(metadata.warnings.contains { $0.contains("timescale is 0") })
    }

    @Test func firstTrackWithASizeGivesTheFrameSize() throws {
        let audio = Self.box("trak", Self.tkhd(width: 0, height: 0))
        let video = Self.box("trak", Self.tkhd(width: 1280, height: 720.5))
        let metadata = try Self.extract(Self.ftyp("isom") + Self.box("moov", audio, video))
        #expect(metadata[.imageWidth] == .integer(1280))
        #expect(metadata[.imageHeight] == .real(720.5))
    }

    // MARK: Locations and Apple metadata

    /// An Apple `meta` with `hdlr`, `keys` and `ilst`; `fullBox` adds the ISO version/flags word.
    static func appleMeta(fullBox: Bool) -> [UInt8] {
        let names = [
            "com.apple.quicktime.make", "com.apple.quicktime.location.ISO6709", "com.apple.quicktime.creationdate",
            "com.apple.quicktime.software",
        ]
        let keys = Self.fullBox("keys", u32(UInt32(names.count)), names.flatMap { box("mdta", Array($0.utf8)) })
        func item(_ index: UInt32, type: UInt32, _ value: [UInt8]) -> [UInt8] {
            box(FourCC(rawValue: index), box("data", u32(type), u32(0), value))
        }
        let ilst = box(
            "ilst", item(1, type: 1, Array("Apple".utf8)), item(2, type: 1, Array("+35.6586+139.7454+150.000/".utf8)),
            item(3, type: 1, Array("2023-06-15T12:30:45+0200".utf8)), item(4, type: 23, u32(Float(16.5).bitPattern)))
        let hdlr = Self.fullBox("hdlr", u32(0), Array("mdta".utf8), [UInt8](repeating: 0, count: 13))
        return box("meta", fullBox ? u32(0) : [], hdlr, keys, ilst)
    }

    @Test(arguments: [false, true])
    func appleMetadataWithAndWithoutFullBoxHeader(fullBox: Bool) throws {
        let metadata = try Self.extract(
            Self.ftyp("qt  ") + Self.box("moov", Self.mvhd(), Self.appleMeta(fullBox: fullBox)))
        #expect(metadata[.make] == .text("Apple"))
        #expect(metadata[.software] == .real(16.5))
        #expect(metadata[.creationDate] == .text("2023:06:15 12:30:45+02:00"))
        #expect(metadata.latitude == 35.6586)
        #expect(metadata.longitude == 139.7454)
        #expect(metadata[.gpsAltitude] == .real(150))
        #expect(
            metadata.entries[.gpsLatitude]?.source == "QuickTime:moov/meta/keys:com.apple.quicktime.location.ISO6709")
        #expect(metadata.warnings.isEmpty)
    }

    @Test func userDataTextItems() throws {
        let udta = Self.box(
            "udta", Self.textItem("©xyz", "-33.8568+151.2153/"), Self.textItem("©mak", "Google"),
            Self.textItem("©mod", "Pixel 7"), Self.textItem("©day", "2023-06-15T12:30:45+0200"), [0, 0, 0, 0])
        let metadata = try Self.extract(Self.ftyp("isom") + Self.box("moov", udta))
        #expect(metadata.latitude == -33.8568)
        #expect(metadata.longitude == 151.2153)
        #expect(metadata[.make] == .text("Google"))
        #expect(metadata.entries[.make]?.priority == .secondary)
        #expect(metadata[.model] == .text("Pixel 7"))
        #expect(metadata[.contentCreateDate] == .text("2023:06:15 12:30:45+02:00"))
        #expect(metadata.entries[.gpsLatitude]?.source == "QuickTime:moov/udta/©xyz")
        #expect(metadata.warnings.isEmpty)  // the trailing 32-bit zero ends udta quietly
    }

    @Test func lociLongitudeComesFirst() throws {
        let loci = Self.loci(
            name: Array("Tokyo Tower".utf8) + [0], latitude: 35.6586, longitude: 139.7454, altitude: 150)
        let metadata = try Self.extract(Self.ftyp("isom") + Self.box("moov", Self.box("udta", loci)))
        #expect(abs((metadata.latitude ?? 0) - 35.6586) < 1e-4)
        #expect(abs((metadata.longitude ?? 0) - 139.7454) < 1e-4)
        #expect(metadata[.gpsAltitude] == .real(150))
        #expect(metadata.entries[.gpsLatitude]?.source == "3GPP:moov/udta/loci")
    }

    @Test func lociWithUTF16Name() throws {
        // "東京A" in UTF-16 after a byte-order mark; the 0x00 half of "A" is not the end, 00 00 is.
        let name: [UInt8] = [0xFE, 0xFF, 0x67, 0x71, 0x4E, 0xAC, 0x00, 0x41, 0x00, 0x00]
        let loci = Self.loci(name: name, latitude: -22.9519, longitude: -43.2105, altitude: 700.5)
        let metadata = try Self.extract(Self.ftyp("3gp6") + Self.box("moov", Self.box("udta", loci)), name: "a.3gp")
        #expect(abs((metadata.latitude ?? 0) + 22.9519) < 1e-4)
        #expect(abs((metadata.longitude ?? 0) + 43.2105) < 1e-4)
        #expect(metadata[.gpsAltitude] == .real(700.5))
    }

    // MARK: Hostile layouts

    /// Reports a 4 GB file of which only the head and the tail exist, and counts the bytes read.
    final class SparseSource: ByteSource {
        let size: Int
        let head: [UInt8]
        let tail: [UInt8]
        let bytesRead = Mutex(0)

        init(size: Int, head: [UInt8], tail: [UInt8]) {
            self.size = size
            self.head = head
            self.tail = tail
        }

        func read(at offset: Int, count: Int) throws(ByteSourceError) -> [UInt8] {
            let wanted = max(0, min(count, size - offset))
            bytesRead.withLock { $0 += wanted }
            guard wanted <= 1 << 20 else { return [] }  // a parser asking for this much has failed already
            return (offset..<offset + wanted).map { position in
                if position < head.count { return head[position] }
                if position >= size - tail.count { return tail[position - (size - tail.count)] }
                return 0
            }
        }
    }

    @Test func moovAfterHugeMdatIsFoundWithFewReads() throws {
        let size = 4 << 30
        let moov = Self.box("moov", Self.mvhd(), Self.box("udta", Self.textItem("©xyz", "+40.6892-074.0445/")))
        let ftyp = Self.ftyp("isom")
        let mdatSize = UInt64(size - ftyp.count - moov.count)
        let head = ftyp + Self.u32(1) + Array("mdat".utf8) + Self.u64(mdatSize)
        let source = SparseSource(size: size, head: head, tail: moov)
        // The parser itself, not the extractor, which reads a 64 KiB prefix of every file up front.
        var metadata = MediaMetadata()
        try ISOBMFFParser.parse(source, format: .mp4, into: &metadata)
        #expect(metadata[.createDate] == .text(Self.juneDate))
        #expect(metadata.latitude == 40.6892)
        #expect(metadata.longitude == -74.0445)
        #expect(source.bytesRead.withLock { $0 } < 64 << 10)
    }

    @Test func manySiblingBoxesAreCapped() throws {
        let frees = [[UInt8]](repeating: Self.box("free"), count: 20_000).flatMap { $0 }
        let udta = Self.box("udta", frees, Self.textItem("©xyz", "+48.8584+002.2945/"))
        let start = ContinuousClock.now
        let metadata = try Self.extract(Self.ftyp("isom") + Self.box("moov", Self.mvhd(), udta) + frees)
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(metadata[.createDate] == .text(Self.juneDate))
        #expect(metadata.latitude == nil)  // beyond the cap
        #expect(metadata.warnings.contains { $0.contains("moov/udta: more than 10000 boxes") })
    }

    @Test func manyTopLevelBoxesAreCapped() throws {
        let frees = [[UInt8]](repeating: Self.box("free"), count: 10_001).flatMap { $0 }
        let metadata = try Self.extract(Self.ftyp("isom") + frees + Self.box("moov", Self.mvhd()))
        #expect(metadata[.createDate] == nil)
        #expect(metadata.warnings.contains { $0.contains("more than 10000 top-level boxes") })
    }

    @Test func deeplyNestedBoxesDoNotRecurse() throws {
        var nested = Self.textItem("©xyz", "+48.8584+002.2945/")
        for _ in 0..<20_000 { nested = Self.box("udta", nested) }
        let start = ContinuousClock.now
        let metadata = try Self.extract(Self.ftyp("isom") + Self.box("moov", Self.mvhd(), nested))
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(metadata[.createDate] == .text(Self.juneDate))
        #expect(metadata.latitude == nil)  // ©xyz counts only directly in moov/udta
    }

    // MARK: HEIF

    /// A HEIF file: item 1 is the primary image, item 2 the Exif item of `exifLength` bytes at
    /// `exifOffset` in the file (construction method 0) or in the `idat` box (1).
    static func heif(exifOffset: UInt32, exifLength: Int, constructionMethod: UInt16, idat: [UInt8] = []) -> [UInt8] {
        let hdlr = fullBox("hdlr", u32(0), Array("pict".utf8), [UInt8](repeating: 0, count: 13))
        let pitm = fullBox("pitm", u16(1))
        let iinf = fullBox(
            "iinf", u16(2), fullBox("infe", version: 2, u16(1), u16(0), Array("hvc1".utf8), [0]),
            fullBox("infe", version: 2, u16(2), u16(0), Array("Exif".utf8), [0]))
        // Version 1: offset and length 4 bytes, no base offset; construction method per item.
        let iloc = fullBox(
            "iloc", version: 1, [0x44, 0x00], u16(2),
            u16(1), u16(0), u16(0), u16(1), u32(0), u32(0),
            u16(2), u16(constructionMethod), u16(0), u16(1), u32(exifOffset), u32(UInt32(exifLength)))
        // Two sizes: the primary item points at the second (a grid's tiles would use the first).
        let ipco = box("ipco", fullBox("ispe", u32(512), u32(512)), fullBox("ispe", u32(640), u32(480)))
        let ipma = fullBox("ipma", u32(2), u16(1), [1, 0x82], u16(2), [1, 0x01])
        return ftyp("heic") + box("meta", u32(0), hdlr, pitm, iinf, iloc, box("iprp", ipco, ipma), box("idat", idat))
    }

    @Test func heifPrimaryItemSizeAndExifPastEnd() throws {
        let metadata = try Self.extract(
            Self.heif(exifOffset: 1_000_000, exifLength: 100, constructionMethod: 0),
            name: "a.heic")
        #expect(metadata[.imageWidth] == .integer(640))
        #expect(metadata[.imageHeight] == .integer(480))
        #expect(metadata.entries[.imageWidth]?.source == "HEIF:ispe")
        #expect(metadata.warnings.contains { $0.contains("item 2 points past the end") })
    }

    @Test func heifExifItemInIdatWithWrongHeaderOffset() throws {
        var tiff = TIFFBuilder()
        tiff.bigEndian = true
        tiff.ifds = [[(0x010F, .ascii("Apple"))]]
        // The 4-byte offset claims 0, but "Exif\0\0" sits before the TIFF header.
        let exif = Self.u32(0) + Array("Exif".utf8) + [0, 0] + tiff.bytes()
        let metadata = try Self.extract(
            Self.heif(exifOffset: 0, exifLength: exif.count, constructionMethod: 1, idat: exif), name: "a.heic")
        #expect(metadata[.make] == .text("Apple"))
        #expect(metadata.warnings.contains { $0.contains("TIFF header found at byte 10") })
        #expect(!metadata.warnings.contains { $0.contains("iloc") })
    }

    @Test func exifItemOffsetIsUsedWhenRight() {
        let item = Self.u32(6) + Array("Exif".utf8) + [0, 0] + [0x49, 0x49, 0x2A, 0, 8, 0, 0, 0]
        var metadata = MediaMetadata()
        #expect(HEIFMeta.tiffBlock(in: item, into: &metadata)?.first == 0x49)
        #expect(HEIFMeta.tiffBlock(in: item, into: &metadata)?.count == 8)
        #expect(metadata.warnings.isEmpty)
    }
}
