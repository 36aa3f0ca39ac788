import MediaMetadata
import Testing

/// `MediaFormat.fileExtensions`: what a folder walk reads, one format per extension.
@Suite struct MediaFormatTests {
    @Test func eachExtensionIsLowerCaseAndNamesOneFormat() {
        var owner: [String: MediaFormat] = [:]
        for format in MediaFormat.allCases {
            for fileExtension in format.fileExtensions {
                #expect(fileExtension == fileExtension.lowercased() && !fileExtension.contains("."), "\(fileExtension)")
                #expect(
                    owner[fileExtension] == nil,
                    "\(fileExtension) names \(format) and \(owner[fileExtension].map { "\($0)" } ?? "")")
                owner[fileExtension] = format
            }
        }
        #expect(owner.count == 25)
    }

    /// Raw formats share TIFF's header; their extensions are what tells them apart.
    @Test(arguments: [MediaFormat.tiff, .dng, .nef, .arw])
    func tiffHeadedFilesAreToldApartByTheirExtensions(format: MediaFormat) {
        let header: [UInt8] = [0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00] + Array(repeating: 0, count: 24)
        for fileExtension in format.fileExtensions {
            #expect(MediaFormat.detect(header: header, fileExtension: fileExtension) == format, "\(fileExtension)")
            #expect(MediaFormat.detect(header: header, fileExtension: fileExtension.uppercased()) == format)
        }
    }
}
