import Testing

@testable import WARC

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct POSIXFileTests {
    @Test func diskFullGivesAClearMessage() throws {
        #if canImport(Glibc)
            let fd = open("/dev/full", O_WRONLY)
            try #require(fd >= 0)
            var file = POSIXFile(path: "/dev/full", descriptor: fd)
            defer { try? file.close() }
            #expect(throws: WARCError.noSpace(path: "/dev/full")) {
                try file.writeAll([UInt8](repeating: 1, count: 100))
            }
            #expect(
                WARCError.noSpace(path: "/a/b.warc.gz").description
                    == "No space left on device while writing /a/b.warc.gz")
        #endif
    }

    @Test func createNewRefusesExistingFiles() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.remove(directory) }
        let path = directory + "/x.warc.gz"
        var file = try POSIXFile.createNew(path)
        try file.writeAll(Array("abc".utf8))
        try file.sync()
        #expect(try file.size() == 3)
        try file.close()
        #expect(throws: WARCError.fileExists(path: path)) { try POSIXFile.createNew(path) }
    }

    @Test func writerReportsAnUnwritableDirectory() {
        #expect(throws: WARCError.self) {
            try WARCWriter(directory: "/proc/vestige-cannot-exist/warc", info: TestSupport.info)
        }
    }
}
