public import BinaryParsing

/// Why a file yielded no metadata at all.
public enum MetadataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file has no bytes.
    case empty
    /// The first bytes match no format vestige reads.
    case unknownFormat
    /// The bytes could not be read (I/O error).
    case unreadable(String)

    /// Text in exiftool's wording where exiftool has one, so scripts keep matching.
    public var description: String {
        switch self {
        case .empty: "File is empty"
        case .unknownFormat: "Unknown file type"
        case .unreadable(let reason): "Error reading file: \(reason)"
        }
    }
}

/// Reads place, time and device out of image and video headers.
///
/// The parsers take bytes through a `ByteSource` and read only the ranges they need; they never
/// trap on hostile input and a damaged structure costs only its own values (with a warning).
public enum MetadataExtractor {
    /// Extracts metadata from `source`; `fileName` only helps tell TIFF-based raw formats apart.
    public static func extract<Source: ByteSource>(from source: Source, fileName: String? = nil) throws(MetadataError)
        -> MediaMetadata
    {
        guard source.size > 0 else { throw .empty }
        // Headers usually sit in the first 64 KiB: one read serves most parsers' small reads.
        let cached: PrefixCachedSource<Source>
        do {
            cached = try PrefixCachedSource(source)
        } catch {
            throw .unreadable(error.message)
        }
        let header = Array(cached.prefix.prefix(64))
        let fileExtension = fileName.flatMap { name in
            name.lastIndex(of: ".").map { String(name[name.index(after: $0)...]) }
        }
        guard let format = MediaFormat.detect(header: header, fileExtension: fileExtension) else {
            throw .unknownFormat
        }
        var metadata = MediaMetadata()
        metadata.set(.fileType, .text(format.fileType), source: "File:magic", priority: .file)
        metadata.set(.mimeType, .text(format.mimeType), source: "File:magic", priority: .file)
        do {
            switch format {
            case .jpeg: try JPEGParser.parse(cached, into: &metadata)
            case .png: try PNGParser.parse(cached, into: &metadata)
            case .webp: try WebPParser.parse(cached, into: &metadata)
            case _ where format.isTIFFBased: try TIFFParser.parseFile(cached, into: &metadata)
            case _ where format.isISOBaseMedia: try ISOBMFFParser.parse(cached, format: format, into: &metadata)
            default: break
            }
        } catch {
            throw .unreadable(error.message)
        }
        return metadata
    }
}
