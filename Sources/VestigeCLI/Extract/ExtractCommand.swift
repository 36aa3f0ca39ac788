public import ArgumentParser
import MediaMetadata

/// `vestige extract`: place, time and device from image and video headers.
public struct ExtractCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Read place, time and device from image and video headers.",
        discussion: """
            Reads JPEG, TIFF and raw (DNG, NEF, ARW, CR2, ORF, RW2), PNG, WebP, HEIC/HEIF/AVIF, \
            MP4, MOV, M4V and 3GP/3G2 files. Only headers are read: a 4 GB video costs a few \
            kilobytes of reads.

            --json prints an array shaped like `exiftool -json -n`: the same key names \
            (SourceFile, FileType, MIMEType, ImageWidth, ImageHeight, Make, Model, Software, \
            DateTimeOriginal, CreateDate, CreationDate, ContentCreateDate, OffsetTimeOriginal, \
            GPSLatitude, GPSLongitude, GPSAltitude, GPSDateTime, Duration) and value forms \
            (signed decimal degrees, metres, seconds, dates as "YYYY:MM:DD HH:MM:SS[+HH:MM]"), \
            so scripts written for exiftool keep working. A file that cannot be read gets an \
            "Error" key and the run goes on. A position of exactly 0,0 is what devices without \
            a fix write: it is reported, and flagged with --provenance.

            Exit status: 0 when every file was read, 65 when any file could not be read.

            Examples:
              vestige extract photo.jpg
              vestige extract --json -r ~/archive/media > media.json
              vestige extract --json --provenance clip.mov
            """)

    @Flag(name: .long, help: "Print a JSON array shaped like `exiftool -json -n`.")
    var json = false

    @Flag(name: [.customShort("r"), .long], help: "Walk subfolders of the folders given.")
    var recursive = false

    @Flag(name: .long, help: "With --json: add where each value came from (Sources), NullIsland and Warnings.")
    var provenance = false

    @Argument(help: "Files or folders to read (folders: files with a media extension).")
    var paths: [String]

    public init() {}

    public func validate() throws {
        if paths.isEmpty { throw ValidationError("Give at least one file or folder to read.") }
        if provenance && !json { throw ValidationError("--provenance goes with --json.") }
    }

    public func run() throws {
        let items = MediaFileWalker(recursive: recursive).items(for: paths)
        var output = StandardStream.output
        var failed = 0
        if json {
            var writer = ExiftoolJSONWriter(includeProvenance: provenance)
            ParallelExtractor.run(items) { result in
                if result.metadata == nil { failed += 1 }
                writer.write(result, to: &output)
            }
            writer.finish(to: &output)
            output.flush()
        } else {
            var table = MetadataTableWriter()
            ParallelExtractor.run(items) { result in
                if result.metadata == nil { failed += 1 }
                table.write(result, to: &output)
            }
            output.flush()
            var errors = StandardStream.error
            errors.write(table.summary)
            errors.flush()
        }
        if items.isEmpty {
            var errors = StandardStream.error
            errors.write(
                "No media files found in \(paths.joined(separator: ", ")) (folders need -r to walk subfolders).\n")
            errors.flush()
        }
        if failed > 0 { throw ExitCode.badInput }
    }
}
