/// Reads the records of a `.warc`, `.warc.gz` or `.warc.zst` file (WARC/1.0 or 1.1, from any
/// crawler) one at a time with bounded memory: the file is read in chunks, gzip members and zstd
/// frames are decompressed one by one (a whole file compressed as a single stream works too),
/// and blocks are capped. A `.warc.zst` may start with a dictionary (wget-at, ArchiveTeam); it
/// is loaded from the file's start whatever offset the reader starts at.
///
/// Each error names the file and offset. After an error `next()` can be called again: it
/// carries on with the next record where that is possible (the next gzip member or zstd frame,
/// or the next `WARC/` line in an uncompressed file) and returns nil once nothing more can be
/// read. Not `Sendable`: one task reads one file.
public final class WARCReader {
    /// The file being read.
    public let path: String
    /// The limits in force.
    public let options: WARCReaderOptions
    /// How the file is compressed.
    public let compression: WARCCompression
    /// True when the file is gzip- or zstd-compressed.
    public var isCompressed: Bool { compression != .none }

    private enum MemberState { case none, open, ended }

    private enum Recovery: Equatable {
        case none
        /// Discard this many block bytes, then carry on after the record.
        case skipBlock(Int64)
        /// Discard the rest of the current gzip member (zstd frame).
        case skipMember
        /// Look for the next gzip member, zstd frame (or `WARC/` line) from this file offset on.
        case scan(from: Int64)
        /// Nothing more can be read.
        case stop
    }

    private var file: POSIXFile
    // Raw file bytes: raw[0] is at file offset rawStart; rawPos is the next byte to use.
    private let raw: RawInputBuffer
    private var rawStart: Int64
    private var rawPos = 0
    // Decoded bytes (inflated, or copied from raw in an uncompressed file); window[0] is at
    // decoded offset windowStart (a file offset in an uncompressed file).
    private var window: [UInt8] = []
    private var windowPos = 0
    private var windowStart: Int64
    private let scratch: UnsafeMutableRawBufferPointer

    // Decompresses the current gzip member or zstd frame; nil in an uncompressed file.
    private let decoder: (any MemberDecoder)?
    // A damaged zstd dictionary, reported by the first `next()`; the frames that need it fail
    // one by one after that, the others are read.
    private var dictionaryProblem: WARCError?
    private var memberState = MemberState.none
    private var memberStart: Int64 = 0
    private var memberEnd: Int64 = 0
    private var recordsInMember = 0
    // Bytes inflated from the current member, and the point from which the inflate cap counts
    // (the start of the current record, or the end of the previous one).
    private var decodedInMember: Int64 = 0
    private var capBase: Int64 = 0
    private var recovery = Recovery.none

    /// Opens `path` and detects its compression from its first bytes (gzip, zstd or none).
    /// bzip2 and xz files are refused with `WARCError.unsupportedCompression`.
    public convenience init(path: String, options: WARCReaderOptions = WARCReaderOptions()) throws(WARCError) {
        try self.init(path: path, startingAt: 0, options: options)
    }

    /// Opens `path` positioned at `offset`, which must be the start of a gzip member, a zstd
    /// frame or a record.
    public init(path: String, startingAt offset: Int64, options: WARCReaderOptions = WARCReaderOptions())
        throws(WARCError)
    {
        self.path = path
        self.options = options
        var opened = try POSIXFile.openForReading(path)
        var head: [UInt8] = []
        do throws(WARCError) {
            head = try Self.peek(opened, at: offset, count: 8)
            if offset != 0, head.isEmpty {
                throw WARCError.malformedRecord(
                    file: path, offset: offset, reason: "no record at this offset (end of file)")
            }
            if let message = Self.unsupportedCompression(head, path: path) {
                throw WARCError.unsupportedCompression(message)
            }
        } catch {
            try? opened.close()
            throw error
        }
        file = opened
        rawStart = offset
        windowStart = offset
        scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 << 10, alignment: 16)
        raw = RawInputBuffer(capacity: max(options.chunkSize, 4096) + 64)
        compression = WARCCompression.detect(head)
        switch compression {
        case .none:
            decoder = nil
        case .gzip:
            decoder = GzipInflater()
        case .zstd:
            let zstd = ZstdFrameDecoder()
            decoder = zstd
            dictionaryProblem = Self.loadDictionary(into: zstd, from: opened, path: path)
        }
    }

    deinit {
        try? file.close()
        scratch.deallocate()
    }

    /// Reads the single record at `offset` of `path` (the offset of a `WARCLocation` or
    /// `WARCEntry`).
    public static func record(
        at offset: Int64, in path: String, options: WARCReaderOptions = WARCReaderOptions()
    ) throws(WARCError) -> WARCEntry {
        let reader = try WARCReader(path: path, startingAt: offset, options: options)
        guard let entry = try reader.next() else {
            throw .malformedRecord(file: path, offset: offset, reason: "no record at this offset (end of file)")
        }
        return entry
    }

    /// All records of `path`, stopping at the first error (tests and small files).
    public static func readAll(path: String, options: WARCReaderOptions = WARCReaderOptions()) throws(WARCError)
        -> [WARCEntry]
    {
        let reader = try WARCReader(path: path, options: options)
        var entries: [WARCEntry] = []
        while let entry = try reader.next() { entries.append(entry) }
        return entries
    }

    /// The next record with its offset and length, or nil at the end of the file.
    public func next() throws(WARCError) -> WARCEntry? {
        if let problem = dictionaryProblem {
            dictionaryProblem = nil
            throw problem
        }
        recover()
        if recovery == .stop { return nil }
        while true {
            if try skipLineBreaks() { break }
            if isCompressed {
                guard try startMember() else {
                    recovery = .stop
                    return nil
                }
            } else {
                recovery = .stop
                return nil
            }
        }
        return try readRecord()
    }

    // MARK: - Records

    private func readRecord() throws(WARCError) -> WARCEntry {
        let recordStart = isCompressed ? memberStart : windowStart + Int64(windowPos)
        let indexInMember = isCompressed ? recordsInMember : 0
        let onFormatError: Recovery = isCompressed ? .skipMember : .scan(from: recordStart + 1)
        capBase = decodedInMember - Int64(window.count - windowPos)
        var headerBytes = 0

        guard let versionLine = try readLine(&headerBytes, recordStart: recordStart) else {
            throw truncated(recordStart)
        }
        guard versionLine.starts(with: Array("WARC/".utf8)) else {
            recovery = isCompressed ? .skipMember : .scan(from: recordStart + 1)
            throw .garbage(file: path, offset: recordStart)
        }
        var fields: [WARCHeaderField] = []
        while true {
            guard let line = try readLine(&headerBytes, recordStart: recordStart) else { throw truncated(recordStart) }
            if line.isEmpty { break }
            if let first = line.first, ASCII.isWhitespace(first), !fields.isEmpty {
                let extra = String(decoding: ASCII.trimmed(line[...]), as: UTF8.self)
                fields[fields.count - 1].value += " " + extra
                continue
            }
            guard let colon = line.firstIndex(of: ASCII.colon), colon > 0 else {
                recovery = onFormatError
                let shown = String(decoding: line.prefix(80), as: UTF8.self)
                throw .malformedRecord(
                    file: path, offset: recordStart, reason: "header line without a name: \"\(shown)\"")
            }
            let name = String(decoding: ASCII.trimmed(line[..<colon]), as: UTF8.self)
            let value = String(decoding: ASCII.trimmed(line[(colon + 1)...]), as: UTF8.self)
            fields.append(WARCHeaderField(name: name, value: value))
        }
        let headers = WARCHeaders(fields)
        guard let lengthText = headers["Content-Length"] else {
            recovery = onFormatError
            throw .malformedRecord(file: path, offset: recordStart, reason: "no Content-Length")
        }
        guard let length = ASCII.parseDecimal(Array(lengthText.utf8)) else {
            recovery = onFormatError
            throw .malformedRecord(file: path, offset: recordStart, reason: "bad Content-Length \"\(lengthText)\"")
        }
        guard length <= options.maxBlockSize else {
            recovery = .skipBlock(length)
            throw .recordTooLarge(file: path, offset: recordStart, length: length, limit: options.maxBlockSize)
        }
        guard let block = try readBlock(Int(length)) else { throw truncated(recordStart) }
        try skipLineBreaks()
        capBase = decodedInMember - Int64(window.count - windowPos)

        let recordLength: Int64
        if isCompressed {
            // Find out whether the member ends with this record or holds more.
            while windowPos == window.count, memberState == .open {
                if try !produce() { break }
            }
            if memberState == .ended, windowPos == window.count {
                recordLength = memberEnd - memberStart
            } else {
                recordLength = rawStart + Int64(rawPos) - memberStart
            }
            recordsInMember += 1
        } else {
            recordLength = windowStart + Int64(windowPos) - recordStart
        }
        let version = String(decoding: ASCII.trimmed(versionLine[...]), as: UTF8.self)
        let record = WARCRecord(version: version, headers: headers, block: block)
        return WARCEntry(record: record, offset: recordStart, length: recordLength, indexInMember: indexInMember)
    }

    /// The error for a record that ends early, and how to go on after it.
    private func truncated(_ recordStart: Int64) -> WARCError {
        if isCompressed, memberState == .ended {
            // The member is complete but the record's Content-Length runs past its end.
            window.removeAll(keepingCapacity: true)
            windowPos = 0
            recovery = .none
        } else {
            recovery = .stop
        }
        return .truncated(file: path, offset: recordStart)
    }

    /// One line without its line end (CRLF or LF), or nil when the data ends first.
    private func readLine(_ headerBytes: inout Int, recordStart: Int64) throws(WARCError) -> [UInt8]? {
        var scanned = 0
        while true {
            let available = window.count - windowPos
            if scanned < available,
                let lineFeed = window[(windowPos + scanned)...].firstIndex(of: ASCII.lf)
            {
                var line = Array(window[windowPos..<lineFeed])
                headerBytes += lineFeed + 1 - windowPos
                windowPos = lineFeed + 1
                if line.last == ASCII.cr { line.removeLast() }
                if headerBytes > options.maxHeaderSize { throw headerTooLong(recordStart) }
                return line
            }
            scanned = available
            if headerBytes + available > options.maxHeaderSize { throw headerTooLong(recordStart) }
            guard try produce() else { return nil }
        }
    }

    private func headerTooLong(_ recordStart: Int64) -> WARCError {
        recovery = isCompressed ? .skipMember : .scan(from: recordStart + 1)
        return .malformedRecord(
            file: path, offset: recordStart,
            reason: "header section longer than \(options.maxHeaderSize) bytes (or no blank line after it)")
    }

    /// Exactly `count` bytes, or nil when the data (member or file) ends first.
    private func readBlock(_ count: Int) throws(WARCError) -> [UInt8]? {
        var block: [UInt8] = []
        block.reserveCapacity(min(count, 64 << 20))
        while block.count < count {
            if windowPos == window.count {
                guard try produce() else { return nil }
            }
            let take = min(count - block.count, window.count - windowPos)
            block.append(contentsOf: window[windowPos..<windowPos + take])
            windowPos += take
        }
        return block
    }

    /// Consumes CR and LF bytes; true when another byte follows in the current member (or file).
    @discardableResult
    private func skipLineBreaks() throws(WARCError) -> Bool {
        while true {
            while windowPos < window.count {
                let byte = window[windowPos]
                if byte != ASCII.cr && byte != ASCII.lf { return true }
                windowPos += 1
            }
            guard try produce() else { return false }
        }
    }

    // MARK: - Decoding

    /// Appends more decoded bytes to the window; false when the current member (or the file)
    /// has no more.
    private func produce() throws(WARCError) -> Bool {
        compactWindow()
        guard let decoder else {
            if rawPos == raw.count {
                guard try refill() else { return false }
            }
            window.append(contentsOf: raw.bytes(rawPos..<raw.count))
            rawPos = raw.count
            return true
        }
        guard memberState == .open else { return false }
        while true {
            if rawPos == raw.count {
                guard try refill() else {
                    recovery = .stop
                    throw WARCError.truncated(file: path, offset: memberStart)
                }
            }
            // More data is needed: refuse once the record has used up its inflate budget.
            let limit = options.inflateLimit
            let budget = limit - (decodedInMember - capBase)
            guard budget > 0 else {
                recovery = .scan(from: memberStart + 1)
                throw WARCError.inflateLimitExceeded(file: path, offset: memberStart, limit: limit)
            }
            let room = Int(min(Int64(scratch.count), budget))
            let step: MemberDecoderStep
            do throws(MemberDecoderFailure) {
                step = try decoder.step(
                    input: raw.bytes(rawPos..<raw.count),
                    output: UnsafeMutableRawBufferPointer(rebasing: scratch[0..<room]))
            } catch {
                recovery = .scan(from: memberStart + 1)
                throw decodingError(error, at: memberStart)
            }
            rawPos += step.consumed
            if step.produced > 0 {
                window.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<step.produced]))
                decodedInMember += Int64(step.produced)
            }
            if step.memberEnded {
                memberState = .ended
                memberEnd = rawStart + Int64(rawPos)
                return step.produced > 0
            }
            if step.produced > 0 { return true }
            if step.consumed == 0 && rawPos < raw.count {
                recovery = .scan(from: memberStart + 1)
                let reason = compression == .zstd ? "zstd decoding made no progress" : "inflate made no progress"
                throw decodingError(.corrupt(reason), at: memberStart)
            }
        }
    }

    /// The error for a member or frame at `offset` that cannot be decoded.
    private func decodingError(_ failure: MemberDecoderFailure, at offset: Int64) -> WARCError {
        switch (compression, failure) {
        case (.zstd, .dictionaryMismatch(let needed, let carried)):
            return .zstdDictionaryMismatch(file: path, offset: offset, needed: needed, carried: carried)
        case (.zstd, .corrupt(let reason)):
            return .invalidZstd(file: path, offset: offset, reason: reason)
        case (.zstd, .setup):
            return .invalidZstd(file: path, offset: offset, reason: "zstd setup failed")
        case (_, .corrupt(let reason)):
            return .invalidGzip(file: path, offset: offset, reason: reason)
        case (_, .setup), (_, .dictionaryMismatch):
            return .invalidGzip(file: path, offset: offset, reason: "zlib setup failed")
        }
    }

    /// Starts the gzip member or zstd frame at the current raw position; false at the end of
    /// the file.
    private func startMember() throws(WARCError) -> Bool {
        if compression == .zstd { return try startFrame() }
        window.removeAll(keepingCapacity: true)
        windowPos = 0
        memberState = .none
        while raw.count - rawPos < 2 {
            guard try refill() else { break }
        }
        if rawPos == raw.count { return false }
        let start = rawStart + Int64(rawPos)
        if raw.count - rawPos == 1, raw[rawPos] == 0x1F {
            // The file ends one byte into a gzip header.
            recovery = .stop
            throw WARCError.truncated(file: path, offset: start)
        }
        guard raw.count - rawPos >= 2, raw[rawPos] == 0x1F, raw[rawPos + 1] == 0x8B else {
            if try onlyPaddingRemains() { return false }
            recovery = .scan(from: start + 1)
            throw WARCError.garbage(file: path, offset: start)
        }
        try open(memberAt: start)
        return true
    }

    /// Starts the zstd frame at the current raw position, passing over skippable frames (the
    /// dictionary, extension frames); false at the end of the file.
    private func startFrame() throws(WARCError) -> Bool {
        window.removeAll(keepingCapacity: true)
        windowPos = 0
        memberState = .none
        while true {
            // The whole frame header, for the decoder's dictionary check.
            while raw.count - rawPos < ZstdFrameDecoder.maxFrameHeaderSize {
                guard try refill() else { break }
            }
            if rawPos == raw.count { return false }
            let start = rawStart + Int64(rawPos)
            let available = raw.count - rawPos
            let head = Array(raw.bytes(rawPos..<rawPos + min(available, 8)))
            if head.starts(with: WARCCompression.zstdFrameMagic) { break }
            if WARCCompression.isSkippableFrame(head) {
                guard head.count == 8 else {
                    recovery = .stop
                    throw WARCError.truncated(file: path, offset: start)
                }
                let size = Int64(head[4]) | Int64(head[5]) << 8 | Int64(head[6]) << 16 | Int64(head[7]) << 24
                try skip(to: start + 8 + size, frameStart: start)
                continue
            }
            if available < 4, WARCCompression.zstdFrameMagic.starts(with: head) || Self.isSkippablePrefix(head) {
                // The file ends inside a frame magic.
                recovery = .stop
                throw WARCError.truncated(file: path, offset: start)
            }
            if try onlyPaddingRemains() { return false }
            recovery = .scan(from: start + 1)
            throw WARCError.garbage(file: path, offset: start)
        }
        try open(memberAt: rawStart + Int64(rawPos))
        return true
    }

    /// Moves the raw position to `offset`, the end of the skippable frame at `frameStart`.
    private func skip(to offset: Int64, frameStart: Int64) throws(WARCError) {
        if offset <= rawStart + Int64(raw.count) {
            rawPos = Int(offset - rawStart)
            return
        }
        let size: Int64
        do throws(WARCError) {
            size = try file.size()
        } catch {
            recovery = .stop
            throw error
        }
        guard offset <= size else {
            recovery = .stop
            throw WARCError.truncated(file: path, offset: frameStart)
        }
        seek(to: offset)
    }

    /// True when `head`, shorter than 4 bytes, begins a skippable-frame magic.
    private static func isSkippablePrefix(_ head: [UInt8]) -> Bool {
        let expected: [UInt8] = [0x50, 0x2A, 0x4D]
        for (index, byte) in head.prefix(3).enumerated() {
            if index == 0 ? byte & 0xF0 != 0x50 : byte != expected[index] { return false }
        }
        return !head.isEmpty
    }

    /// Resets the decoder for the member or frame starting at file offset `start`.
    private func open(memberAt start: Int64) throws(WARCError) {
        guard let decoder else { return }
        do throws(MemberDecoderFailure) {
            try decoder.reset()
        } catch {
            recovery = .stop
            throw decodingError(error, at: start)
        }
        memberStart = start
        memberState = .open
        recordsInMember = 0
        decodedInMember = 0
        capBase = 0
    }

    /// True when everything from the raw position to the end of the file is NUL or whitespace
    /// (padding some tools leave after the last member); consumes it in that case.
    private func onlyPaddingRemains() throws(WARCError) -> Bool {
        while true {
            while rawPos < raw.count {
                let byte = raw[rawPos]
                guard byte == 0 || byte == ASCII.cr || byte == ASCII.lf || ASCII.isWhitespace(byte) else {
                    return false
                }
                rawPos += 1
            }
            guard try refill() else { return true }
        }
    }

    private func compactWindow() {
        if windowPos == window.count {
            windowStart += Int64(windowPos)
            window.removeAll(keepingCapacity: true)
            windowPos = 0
        } else if windowPos >= 1 << 20 {
            windowStart += Int64(windowPos)
            window.removeSubrange(0..<windowPos)
            windowPos = 0
        }
    }

    // MARK: - Raw input

    /// Reads the next chunk of the file after the bytes held; false at the end of the file.
    private func refill() throws(WARCError) -> Bool {
        rawStart += Int64(rawPos)
        raw.dropFirst(rawPos)
        rawPos = 0
        do throws(WARCError) {
            return try raw.fill(from: file, at: rawStart + Int64(raw.count)) > 0
        } catch {
            recovery = .stop
            throw error
        }
    }

    /// Moves the raw input to `offset`, dropping everything buffered.
    private func seek(to offset: Int64) {
        raw.removeAll()
        rawPos = 0
        rawStart = offset
        window.removeAll(keepingCapacity: true)
        windowPos = 0
        windowStart = offset
        memberState = .none
    }

    // MARK: - Recovery after errors

    /// Brings the reader past the place of the last error. Never throws: when that fails too,
    /// reading stops.
    private func recover() {
        let pending = recovery
        recovery = .none
        do throws(WARCError) {
            switch pending {
            case .none:
                return
            case .stop:
                recovery = .stop
            case .skipBlock(let count):
                var left = count
                while left > 0 {
                    if windowPos == window.count {
                        // A declared block is skipped whatever its size: the cap does not apply.
                        capBase = decodedInMember
                        guard try produce() else {
                            recovery = isCompressed && memberState == .ended ? .none : .stop
                            return
                        }
                    }
                    let take = Int(min(left, Int64(window.count - windowPos)))
                    windowPos += take
                    left -= Int64(take)
                }
                capBase = decodedInMember - Int64(window.count - windowPos)
                recordsInMember += 1
            case .skipMember:
                window.removeAll(keepingCapacity: true)
                windowPos = 0
                capBase = decodedInMember
                while memberState == .open {
                    _ = try produce()
                    window.removeAll(keepingCapacity: true)
                    windowPos = 0
                }
            case .scan(let from):
                try scan(from: from)
            }
        } catch {
            // `produce` set `recovery` (to .scan or .stop); follow it once more.
            if case .scan(let from) = recovery {
                recovery = .none
                do throws(WARCError) { try scan(from: from) } catch { recovery = .stop }
            } else {
                recovery = .stop
            }
        }
    }

    /// Positions the reader at the next gzip member header (`1f 8b 08`), zstd frame magic
    /// (`28 b5 2f fd`) or, in an uncompressed file, the next line starting with `WARC/`, at or
    /// after `offset`.
    private func scan(from offset: Int64) throws(WARCError) {
        seek(to: offset)
        let pattern: [UInt8]
        switch compression {
        case .none: pattern = Array("\nWARC/".utf8)
        case .gzip: pattern = [0x1F, 0x8B, 0x08]
        case .zstd: pattern = WARCCompression.zstdFrameMagic
        }
        while true {
            if let found = raw.firstIndex(of: pattern, from: rawPos) {
                rawPos = isCompressed ? found : found + 1
                if !isCompressed { resyncPlainWindow() }
                return
            }
            // Keep the last bytes: the pattern may straddle two chunks.
            rawPos = max(rawPos, raw.count - (pattern.count - 1))
            guard try refill() else {
                rawPos = raw.count
                recovery = .stop
                return
            }
        }
    }

    /// After a scan in an uncompressed file, restart the window at the raw position.
    private func resyncPlainWindow() {
        window.removeAll(keepingCapacity: true)
        windowPos = 0
        windowStart = rawStart + Int64(rawPos)
    }

    // MARK: - Format detection

    private static func peek(_ file: POSIXFile, at offset: Int64, count: Int) throws(WARCError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var result: Result<Int, WARCError> = .success(0)
        bytes.withUnsafeMutableBytes { buffer in
            do throws(WARCError) {
                result = .success(try file.read(into: buffer, count: count, at: offset))
            } catch {
                result = .failure(error)
            }
        }
        let read = try result.get()
        return Array(bytes[0..<read])
    }

    /// Loads the dictionary at the start of `file` into `decoder`, if the file has one; the
    /// error to report when it cannot be read or loaded.
    private static func loadDictionary(into decoder: ZstdFrameDecoder, from file: POSIXFile, path: String)
        -> WARCError?
    {
        do throws(WARCError) {
            guard let dictionary = try ZstdDictionary.read(from: file, path: path) else { return nil }
            do throws(MemberDecoderFailure) {
                try decoder.use(dictionary: dictionary.bytes)
            } catch {
                let reason: String
                switch error {
                case .corrupt(let message): reason = message
                case .setup, .dictionaryMismatch: reason = "zstd setup failed"
                }
                return .invalidZstd(file: path, offset: 0, reason: "the dictionary cannot be loaded: \(reason)")
            }
            return nil
        } catch {
            return error
        }
    }

    /// A message when `head` starts a compressed format other than gzip and zstd.
    static func unsupportedCompression(_ head: [UInt8], path: String) -> String? {
        if head.count >= 3, head.starts(with: Array("BZh".utf8)) {
            return "bzip2-compressed WARC is not supported: \(path). Decompress it to .warc first (bunzip2)"
        }
        if head.count >= 6, head.starts(with: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) {
            return "xz-compressed WARC is not supported: \(path). Decompress it to .warc first (xz -d)"
        }
        return nil
    }
}

@available(*, unavailable, message: "WARCReader is used by one task at a time")
extension WARCReader: Sendable {}
