import Testing

@testable import MediaMetadata

@Suite struct XMPParserTests {
    func parse(_ text: String) -> MediaMetadata {
        var metadata = MediaMetadata()
        XMPParser.parse(Array(text.utf8)[...], container: "test", into: &metadata)
        return metadata
    }

    @Test func resolvesAnyPrefixBoundToTheNamespace() {
        let metadata = parse(
            #"<d xmlns:e="http://ns.adobe.com/exif/1.0/" xmlns:t="http://ns.adobe.com/tiff/1.0/" e:DateTimeOriginal="2008-05-30T15:56:01" t:Make="Canon"/>"#
        )
        #expect(metadata[.dateTimeOriginal] == .text("2008:05:30 15:56:01"))
        #expect(metadata[.make] == .text("Canon"))
    }

    @Test func doesNotConfuseSimilarNames() {
        let metadata = parse(
            #"<d xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitudeRef="N"><exif:GPSLatitudeRef>S</exif:GPSLatitudeRef></d>"#
        )
        #expect(metadata[.gpsLatitude] == nil)
    }

    @Test func readsSequencesAndEntities() {
        let metadata = parse(
            #"<d xmlns:tiff="http://ns.adobe.com/tiff/1.0/"><tiff:Model><rdf:Alt><rdf:li xml:lang="x-default">A &amp; B &#x41;</rdf:li></rdf:Alt></tiff:Model></d>"#
        )
        #expect(metadata[.model] == .text("A & B A"))
    }

    @Test(arguments: [
        ("40,41.352N", 40.6892), ("74,2.67W", -74.0445), ("-12.5", -12.5), ("10,30,36S", -10.51),
    ])
    func coordinates(text: String, degrees: Double) {
        #expect(abs((XMPParser.coordinate(text) ?? .nan) - degrees) < 1e-6)
    }

    @Test(arguments: [
        ("2010-04-13T09:37:22+02:00", "2010:04:13 09:37:22+02:00"),
        ("2008-03-15T09:52:01Z", "2008:03:15 09:52:01Z"),
        ("2013-03-12T16:31:24.123456+02:00", "2013:03:12 16:31:24.123456+02:00"),
        ("2008-03-15T09:52", "2008:03:15 09:52"),
        ("2008-03", "2008:03"),
        ("garbage", "garbage"),
    ])
    func xmpDates(text: String, expected: String) {
        #expect(MetadataDate.fromXMP(text) == expected)
    }

    @Test func quickTimeDatesGetAColonInTheZone() {
        #expect(MetadataDate.fromQuickTimeText("2023-06-15T12:30:45+0200", unsure: true) == "2023:06:15 12:30:45+02:00")
        #expect(MetadataDate.fromQuickTime(seconds: 0) == "0000:00:00 00:00:00")
        #expect(MetadataDate.fromQuickTime(seconds: 3_769_669_845) == "2023:06:15 10:30:45")
    }

    @Test func garbageGivesNothingAndTheSameParseReadsAGoodPacket() {
        for text in ["", "<", "xmlns:", "xmlns:a=", "xmlns:a=\"", "<a:b", "&", "&#xFFFFFFFF;", "<exif:X>"] {
            let metadata = parse(text)
            #expect(metadata.entries.isEmpty, "\(text.debugDescription) gave \(metadata.entries)")
        }
        // The control: without it a parse that reads nothing at all would pass the loop above.
        let good = parse(#"<d xmlns:tiff="http://ns.adobe.com/tiff/1.0/" tiff:Make="Canon"/>"#)
        #expect(good[.make] == .text("Canon"))
        let afterGarbage = parse(
            #"&#xFFFFFFFF; <a:b <d xmlns:tiff="http://ns.adobe.com/tiff/1.0/" tiff:Make="Canon"/>"#)
        #expect(afterGarbage[.make] == .text("Canon"), "garbage before a packet does not hide it")
    }
}
