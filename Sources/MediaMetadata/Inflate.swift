/// A DEFLATE decoder (RFC 1951) and its zlib wrapper (RFC 1950), for compressed PNG text.
///
/// Inflate only, bounded: output stops at a limit (4 MiB unless told), every read past the input
/// and every invalid code, length or distance is a typed failure, and each step of the main loop
/// either consumes input bits or produces output, so hostile streams end quickly. Huffman codes
/// are decoded bit by bit from their code-length counts (as zlib's `puff.c` does): slower than
/// table lookup, but small, and text chunks are small.
enum Inflate {
    /// Why a stream could not be inflated.
    enum Failure: Error, Equatable, CustomStringConvertible {
        /// The input ends before the stream does (or before the zlib checksum).
        case truncated
        /// Not a zlib header (compression method 8, window ≤ 32 KiB, header check).
        case badHeader
        /// The stream needs a preset dictionary, which PNG never uses.
        case presetDictionary
        /// Block type 3.
        case invalidBlockType
        /// A stored block whose length and its complement disagree.
        case invalidStoredLength
        /// Code lengths that make no usable Huffman code, or a code that is not in it.
        case invalidCode
        /// A back reference to before the start of the output.
        case distanceTooFar
        /// The output would exceed the limit.
        case outputLimit(Int)
        /// The Adler-32 checksum after the stream does not match the output.
        case badChecksum

        var description: String {
            switch self {
            case .truncated: "the compressed data is cut short"
            case .badHeader: "not a zlib stream"
            case .presetDictionary: "the zlib stream needs a preset dictionary"
            case .invalidBlockType: "invalid block type"
            case .invalidStoredLength: "stored block length does not match its complement"
            case .invalidCode: "invalid Huffman code"
            case .distanceTooFar: "back reference before the start of the data"
            case .outputLimit(let limit): "more than \(limit) bytes when inflated"
            case .badChecksum: "Adler-32 checksum does not match"
            }
        }
    }

    /// Largest output by default.
    static let defaultLimit = 4 << 20

    /// Inflates a zlib stream (2-byte header, DEFLATE data, Adler-32), as PNG's zTXt, iTXt and
    /// iCCP chunks hold it. Bytes after the checksum are ignored.
    static func zlib(_ data: ArraySlice<UInt8>, limit: Int = defaultLimit) throws(Failure) -> [UInt8] {
        guard data.count >= 2 else { throw .truncated }
        let cmf = data[data.startIndex]
        let flg = data[data.startIndex + 1]
        guard cmf & 0x0F == 8, cmf >> 4 <= 7, (UInt16(cmf) << 8 | UInt16(flg)) % 31 == 0 else { throw .badHeader }
        guard flg & 0x20 == 0 else { throw .presetDictionary }
        var bits = BitReader(data.dropFirst(2))
        let output = try inflate(&bits, limit: limit)
        guard let stored = bits.alignedUInt32BigEndian() else { throw .truncated }
        guard stored == adler32(output) else { throw .badChecksum }
        return output
    }

    /// Inflates raw DEFLATE data (no zlib header or checksum).
    static func raw(_ data: ArraySlice<UInt8>, limit: Int = defaultLimit) throws(Failure) -> [UInt8] {
        var bits = BitReader(data)
        return try inflate(&bits, limit: limit)
    }

    /// Adler-32 (RFC 1950) of `bytes`.
    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        var index = 0
        while index < bytes.count {
            // 5552 bytes is the most that cannot overflow 32 bits before the modulo (zlib's NMAX).
            let end = min(index + 5552, bytes.count)
            for byte in bytes[index..<end] {
                a += UInt32(byte)
                b += a
            }
            a %= 65521
            b %= 65521
            index = end
        }
        return b << 16 | a
    }

    // MARK: Blocks

    private static func inflate(_ bits: inout BitReader, limit: Int) throws(Failure) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, max(64, bits.remainingBytes * 4)))
        var isLast = false
        while !isLast {
            isLast = try bits.read(1) == 1
            switch try bits.read(2) {
            case 0: try stored(&bits, into: &output, limit: limit)
            case 1: try codes(&bits, Huffman.fixedLengths, Huffman.fixedDistances, into: &output, limit: limit)
            case 2:
                let (lengths, distances) = try dynamicCodes(&bits)
                try codes(&bits, lengths, distances, into: &output, limit: limit)
            default: throw .invalidBlockType
            }
        }
        return output
    }

    private static func stored(_ bits: inout BitReader, into output: inout [UInt8], limit: Int) throws(Failure) {
        bits.alignToByte()
        let length = try bits.read(16)
        let complement = try bits.read(16)
        guard length == ~complement & 0xFFFF else { throw .invalidStoredLength }
        guard output.count + length <= limit else { throw .outputLimit(limit) }
        guard let bytes = bits.bytes(length) else { throw .truncated }
        output.append(contentsOf: bytes)
    }

    /// Length base values and extra bits for symbols 257…285; distance ones for codes 0…29.
    private static let lengthBase: [Int] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227,
        258,
    ]
    private static let lengthExtra: [Int] = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    private static let distanceBase: [Int] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
        6145, 8193, 12289, 16385, 24577,
    ]
    private static let distanceExtra: [Int] = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]

    /// Decodes literal/length and distance codes up to the end-of-block symbol.
    private static func codes(
        _ bits: inout BitReader, _ lengths: Huffman, _ distances: Huffman, into output: inout [UInt8], limit: Int
    ) throws(Failure) {
        while true {
            let symbol = try lengths.decode(&bits)
            if symbol < 256 {
                guard output.count < limit else { throw .outputLimit(limit) }
                output.append(UInt8(symbol))
                continue
            }
            if symbol == 256 { return }
            let index = symbol - 257
            guard index < lengthBase.count else { throw .invalidCode }
            let length = lengthBase[index] + (try bits.read(lengthExtra[index]))
            let code = try distances.decode(&bits)
            guard code < distanceBase.count else { throw .invalidCode }
            let distance = distanceBase[code] + (try bits.read(distanceExtra[code]))
            guard distance <= output.count else { throw .distanceTooFar }
            guard output.count + length <= limit else { throw .outputLimit(limit) }
            // Byte by byte: a copy may overlap its own output (distance < length).
            var from = output.count - distance
            for _ in 0..<length {
                output.append(output[from])
                from += 1
            }
        }
    }

    /// The order in which a dynamic block sends the code lengths of the code-length code.
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// A dynamic block's header: its literal/length and distance codes.
    private static func dynamicCodes(_ bits: inout BitReader) throws(Failure) -> (Huffman, Huffman) {
        let literalCount = try bits.read(5) + 257
        let distanceCount = try bits.read(5) + 1
        let codeLengthCount = try bits.read(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else { throw .invalidCode }
        var codeLengthLengths = [Int](repeating: 0, count: 19)
        for index in 0..<codeLengthCount {
            codeLengthLengths[codeLengthOrder[index]] = try bits.read(3)
        }
        let codeLengthCode = try Huffman(lengths: codeLengthLengths, isCodeLengthCode: true)
        var lengths: [Int] = []
        lengths.reserveCapacity(literalCount + distanceCount)
        while lengths.count < literalCount + distanceCount {
            let symbol = try codeLengthCode.decode(&bits)
            var repeated = 0
            var value = 0
            switch symbol {
            case 0..<16:
                lengths.append(symbol)
                continue
            case 16:
                guard let previous = lengths.last else { throw .invalidCode }
                value = previous
                repeated = 3 + (try bits.read(2))
            case 17: repeated = 3 + (try bits.read(3))
            default: repeated = 11 + (try bits.read(7))
            }
            guard lengths.count + repeated <= literalCount + distanceCount else { throw .invalidCode }
            lengths.append(contentsOf: repeatElement(value, count: repeated))
        }
        // Without an end-of-block code no block could end.
        guard lengths[256] != 0 else { throw .invalidCode }
        let literals = try Huffman(lengths: Array(lengths[0..<literalCount]))
        let distances = try Huffman(lengths: Array(lengths[literalCount...]))
        return (literals, distances)
    }

    // MARK: Huffman codes

    /// A canonical Huffman code: how many codes of each length, and the symbols in code order.
    struct Huffman {
        static let maxBits = 15
        var counts = [Int](repeating: 0, count: maxBits + 1)
        var symbols: [Int] = []

        /// The code with the given code length per symbol (0: symbol unused). As zlib decides:
        /// over-subscribed lengths fail; an incomplete code is allowed only when it is a single
        /// code of one bit (a distance code for one distance), and never for the code-length code;
        /// a code without symbols is allowed, and fails only if a symbol is ever read from it.
        init(lengths: [Int], isCodeLengthCode: Bool = false) throws(Failure) {
            for length in lengths {
                guard (0...Self.maxBits).contains(length) else { throw .invalidCode }
                counts[length] += 1
            }
            counts[0] = 0
            var left = 1
            for length in 1...Self.maxBits {
                left = left * 2 - counts[length]
                guard left >= 0 else { throw .invalidCode }
            }
            let longest = counts.lastIndex { $0 != 0 } ?? 0
            guard left == 0 || longest == 0 || (!isCodeLengthCode && longest == 1) else { throw .invalidCode }
            var offsets = [Int](repeating: 0, count: Self.maxBits + 2)
            for length in 1...Self.maxBits { offsets[length + 1] = offsets[length] + counts[length] }
            symbols = [Int](repeating: 0, count: offsets[Self.maxBits + 1])
            for (symbol, length) in lengths.enumerated() where length != 0 {
                symbols[offsets[length]] = symbol
                offsets[length] += 1
            }
        }

        /// The next symbol: bits are read one at a time, most significant code bit first.
        func decode(_ bits: inout BitReader) throws(Failure) -> Int {
            var code = 0
            var first = 0
            var index = 0
            for length in 1...Self.maxBits {
                code |= try bits.read(1)
                let count = counts[length]
                if code - first < count { return symbols[index + code - first] }
                index += count
                first = (first + count) << 1
                code <<= 1
            }
            throw .invalidCode
        }

        /// The fixed codes of block type 1.
        static let fixedLengths: Huffman = {
            let lengths =
                [Int](repeating: 8, count: 144) + [Int](repeating: 9, count: 112)
                + [Int](repeating: 7, count: 24) + [Int](repeating: 8, count: 8)
            return (try? Huffman(lengths: lengths)) ?? Huffman()
        }()
        static let fixedDistances: Huffman = {
            // 32 codes of 5 bits, of which 30 and 31 are invalid: complete, as zlib builds it.
            (try? Huffman(lengths: [Int](repeating: 5, count: 32))) ?? Huffman()
        }()

        private init() {}
    }

    // MARK: Bits

    /// Reads DEFLATE's bit stream: least significant bit of each byte first.
    struct BitReader {
        let bytes: ArraySlice<UInt8>
        var position: Int
        var buffer: UInt32 = 0
        var count = 0

        init(_ bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            position = bytes.startIndex
        }

        var remainingBytes: Int { bytes.endIndex - position }

        /// The next `n` bits (0…16) as a number, first bit lowest.
        mutating func read(_ n: Int) throws(Failure) -> Int {
            while count < n {
                guard position < bytes.endIndex else { throw .truncated }
                buffer |= UInt32(bytes[position]) << UInt32(count)
                position += 1
                count += 8
            }
            let value = Int(buffer & ((1 << UInt32(n)) - 1))
            buffer >>= UInt32(n)
            count -= n
            return value
        }

        /// Drops the bits left of the current byte (stored blocks and the checksum start on a byte).
        mutating func alignToByte() {
            buffer = 0
            count = 0
        }

        /// The next `n` whole bytes, after `alignToByte`.
        mutating func bytes(_ n: Int) -> ArraySlice<UInt8>? {
            guard n <= remainingBytes else { return nil }
            defer { position += n }
            return bytes[position..<position + n]
        }

        /// The 4-byte big-endian number after the stream (the zlib Adler-32).
        mutating func alignedUInt32BigEndian() -> UInt32? {
            alignToByte()
            guard let word = bytes(4) else { return nil }
            return word.reduce(0) { $0 << 8 | UInt32($1) }
        }
    }
}
