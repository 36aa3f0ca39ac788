public import ArgumentParser
import Crawling
import WARC

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `vestige show`: one archived record, straight from its WARC file.
public struct ShowCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print one archived record (WARC headers, HTTP headers, payload) from its WARC file.",
        discussion: """
            RECORD is a WARC-Record-ID (<urn:uuid:…> or the bare uuid), FILE:OFFSET or FILE@OFFSET \
            (a file in DIR/warc and the byte offset of its record, as vestige search prints them) \
            or an http(s) URL (its latest capture). Text payloads are printed; binary ones are \
            summarised (size, type, SHA-256): write them out with --output. A revisit record \
            shows the payload of the capture it refers to.

            --output FILE writes the payload: the HTTP entity body with its content coding \
            (gzip, deflate) undone, or as archived (de-chunked, still encoded) with --raw.

            Exit status: 0 ok, 64 bad RECORD or option, 65 record not found or damaged.

            Examples:
              vestige show --archive arch 'vestige-20261125143000-00000.warc.gz:12345'
              vestige show --archive arch https://example.org/photo.jpg --output photo.jpg
              vestige show --archive arch '<urn:uuid:0b1c…>' --format json
            """)

    @OptionGroup var archiveOptions: ArchiveOptions

    @Argument(help: "A WARC-Record-ID, FILE:OFFSET or URL.")
    var record: String

    @Option(name: .long, help: ArgumentHelp("Write the payload to this file.", valueName: "FILE"))
    var output: String?

    @Flag(name: .long, help: "With --output: the payload as archived, without undoing gzip/deflate.")
    var raw = false

    @Option(name: .long, help: "text or json.")
    var format: ShowFormat = .text

    public init() {}

    public func run() throws {
        var out = StandardStream.output
        defer { out.flush() }
        do {
            try perform(output: &out)
        } catch {
            out.flush()
            StandardStream.writeError("vestige: \(error)\n")
            switch error {
            case .usage: throw ExitCode.usage
            case .notFound: throw ExitCode.badInput
            case .output: throw ExitCode.failure
            }
        }
    }

    /// Finds the record, prints it to `output` and writes `--output`.
    public func perform(output sink: inout some TextSink) throws(ShowError) {
        let layout = archiveOptions.layout
        let address = try RecordAddress(parsing: record)
        let locator = RecordLocator(layout: layout)
        var shown = try ShownRecord(place: locator.locate(address))
        if shown.entry.record.type == .revisit, let original = shown.entry.record.refersTo,
            let place = try? locator.locate(.recordID(original)), let source = try? ShownRecord(place: place)
        {
            shown.usePayload(of: source)
        }
        var written: Int?
        if let path = output {
            let bytes = raw ? shown.payload : (shown.decoded ?? shown.payload)
            try Self.write(bytes, to: path)
            written = bytes.count
        }
        switch format {
        case .text: ShowTextWriter.write(shown, outputFile: output, written: written, to: &sink)
        case .json: sink.write(ShowJSONWriter.json(shown, outputFile: output, written: written) + "\n")
        }
    }

    static func write(_ bytes: [UInt8], to path: String) throws(ShowError) {
        guard let file = fopen(path, "wb") else {
            throw .output("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        let count = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        let closed = fclose(file)
        guard count == bytes.count, closed == 0 else {
            throw .output("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }
}
