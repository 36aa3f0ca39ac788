import CZstd

/// Decodes one zstd frame at a time (libzstd's streaming decoder), reset between frames so that
/// each frame's end is seen. The file's dictionary, once loaded, applies to every frame; a frame
/// that names another dictionary is refused before any byte of it is decoded.
///
/// Memory stays bounded: libzstd refuses frames whose window exceeds 2^27 bytes (its default
/// `ZSTD_d_windowLogMax`), and the caller's output buffer caps what one step writes.
final class ZstdFrameDecoder: MemberDecoder {
    /// The largest frame header (magic, descriptor, window, dictionary id, content size): with
    /// this many bytes at hand, the frame's dictionary id can be read for sure.
    static let maxFrameHeaderSize = 18

    private let context: OpaquePointer?
    private var dictionary: OpaquePointer?
    /// The loaded dictionary's id (0 for a raw-content dictionary), nil when none is loaded.
    private(set) var dictionaryID: UInt32?
    private var headerChecked = false

    init() {
        context = ZSTD_createDCtx()
    }

    deinit {
        if let context { ZSTD_freeDCtx(context) }
        if let dictionary { ZSTD_freeDDict(dictionary) }
    }

    /// Loads `bytes` as the dictionary of every later frame and returns its id.
    @discardableResult
    func use(dictionary bytes: [UInt8]) throws(MemberDecoderFailure) -> UInt32 {
        guard let context else { throw .setup }
        guard !bytes.isEmpty else { throw .corrupt("the dictionary is empty") }
        let created = bytes.withUnsafeBytes { ZSTD_createDDict($0.baseAddress, $0.count) }
        guard let created else { throw .corrupt("not a valid zstd dictionary") }
        let status = ZSTD_DCtx_refDDict(context, created)
        if ZSTD_isError(status) != 0 {
            ZSTD_freeDDict(created)
            throw .corrupt(Self.errorName(status))
        }
        if let dictionary { ZSTD_freeDDict(dictionary) }
        dictionary = created
        let id = ZSTD_getDictID_fromDDict(created)
        dictionaryID = id
        return id
    }

    /// Prepares for a new frame; the dictionary stays loaded.
    func reset() throws(MemberDecoderFailure) {
        guard let context else { throw .setup }
        guard ZSTD_isError(ZSTD_DCtx_reset(context, ZSTD_reset_session_only)) == 0 else { throw .setup }
        headerChecked = false
    }

    /// Decodes from `input` into `output`; stops at the end of the frame, when the input is used
    /// up or the output is full. The first call after `reset` must start at the frame's first
    /// byte, with the whole header (`maxFrameHeaderSize`) unless the file ends sooner.
    func step(input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer) throws(MemberDecoderFailure)
        -> MemberDecoderStep
    {
        guard let context else { throw .setup }
        if !headerChecked, let base = input.baseAddress, !input.isEmpty {
            headerChecked = true
            // 0: the frame names no dictionary (or its header is cut short, which decoding reports).
            let needed = ZSTD_getDictID_fromFrame(base, input.count)
            if needed != 0 && needed != dictionaryID {
                throw .dictionaryMismatch(needed: needed, carried: dictionaryID)
            }
        }
        var source = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        var destination = ZSTD_outBuffer(dst: output.baseAddress, size: output.count, pos: 0)
        let status = ZSTD_decompressStream(context, &destination, &source)
        if ZSTD_isError(status) != 0 { throw .corrupt(Self.errorName(status)) }
        // 0: the frame is decoded and everything it holds has been written out.
        return MemberDecoderStep(consumed: source.pos, produced: destination.pos, memberEnded: status == 0)
    }

    /// The content of the zstd frame at the start of `frame` (a compressed dictionary), refused
    /// when it declares or reaches more than `limit` bytes.
    static func decompressFrame(_ frame: [UInt8], limit: Int) throws(MemberDecoderFailure) -> [UInt8] {
        let declared = frame.withUnsafeBytes { ZSTD_getFrameContentSize($0.baseAddress, $0.count) }
        // ZSTD_CONTENTSIZE_ERROR and ZSTD_CONTENTSIZE_UNKNOWN (macros Swift does not import).
        let contentSizeError = UInt64.max - 1
        let contentSizeUnknown = UInt64.max
        if declared == contentSizeError { throw .corrupt("not a zstd frame") }
        if declared != contentSizeUnknown, declared > UInt64(limit) {
            throw .corrupt("declares \(declared) bytes, above the limit of \(limit)")
        }
        guard let context = ZSTD_createDCtx() else { throw .setup }
        defer { ZSTD_freeDCtx(context) }
        var content: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var position = 0
        while true {
            var status = 0
            var produced = 0
            let before = position
            frame.withUnsafeBytes { source in
                chunk.withUnsafeMutableBytes { destination in
                    var input = ZSTD_inBuffer(src: source.baseAddress, size: source.count, pos: position)
                    var output = ZSTD_outBuffer(dst: destination.baseAddress, size: destination.count, pos: 0)
                    status = ZSTD_decompressStream(context, &output, &input)
                    position = input.pos
                    produced = output.pos
                }
            }
            if ZSTD_isError(status) != 0 { throw .corrupt(errorName(status)) }
            guard content.count + produced <= limit else { throw .corrupt("decompresses to more than \(limit) bytes") }
            content.append(contentsOf: chunk[0..<produced])
            if status == 0 { return content }
            if produced == 0 && (position == frame.count || position == before) {
                throw .corrupt("the frame is cut short")
            }
        }
    }

    private static func errorName(_ status: Int) -> String {
        ZSTD_getErrorName(status).map { String(cString: $0) } ?? "zstd error \(status)"
    }
}
