public import MediaMetadata

/// A readable table: one line per file with type, size, capture time, place and device.
public struct MetadataTableWriter {
    private var headerWritten = false
    /// Files with a usable position, at 0,0, and failed, for the closing summary.
    public private(set) var counts = (files: 0, withPosition: 0, nullIsland: 0, failed: 0)

    /// A writer with nothing written yet.
    public init() {}

    static let columns = [("FILE", 44), ("TYPE", 13), ("SIZE", 11), ("CAPTURED", 27), ("PLACE", 24), ("DEVICE", 0)]

    /// Writes one row (and the header before the first).
    public mutating func write(_ result: ExtractionResult, to sink: inout some TextSink) {
        if !headerWritten {
            sink.write(Self.row(Self.columns.map(\.0)))
            headerWritten = true
        }
        counts.files += 1
        switch result.outcome {
        case .failure(let error):
            counts.failed += 1
            sink.write(Self.row([result.sourceFile, "ERROR", error.message]))
        case .success(let metadata):
            if metadata.hasUsablePosition { counts.withPosition += 1 }
            if metadata.isNullIsland { counts.nullIsland += 1 }
            sink.write(
                Self.row([
                    result.sourceFile,
                    metadata[.fileType]?.description ?? "",
                    Self.size(metadata),
                    Self.captured(metadata),
                    Self.place(metadata),
                    [metadata[.make], metadata[.model]].compactMap { $0?.description }.joined(separator: " "),
                ]))
        }
    }

    /// The closing summary line.
    public var summary: String {
        "\(counts.files) files: \(counts.withPosition) with a position"
            + (counts.nullIsland > 0 ? ", \(counts.nullIsland) at 0,0 (no fix; left out of place searches)" : "")
            + (counts.failed > 0 ? ", \(counts.failed) could not be read" : "") + "\n"
    }

    static func row(_ cells: [String]) -> String {
        var line = ""
        for (index, cell) in cells.enumerated() {
            let width = index < columns.count ? columns[index].1 : 0
            let isLast = index == cells.count - 1
            line += cell
            if !isLast { line += String(repeating: " ", count: max(1, width - cell.count)) }
        }
        return line + "\n"
    }

    static func size(_ metadata: MediaMetadata) -> String {
        guard let width = metadata[.imageWidth], let height = metadata[.imageHeight] else { return "" }
        var text = "\(width)x\(height)"
        if let duration = metadata[.duration]?.number { text += " \(NumberText.fixed(duration, decimals: 1))s" }
        return text
    }

    /// The best capture time: Exif original time with its offset, Apple's local time, XMP or
    /// container time (container times are UTC and marked so).
    static func captured(_ metadata: MediaMetadata) -> String {
        if let original = metadata[.dateTimeOriginal]?.description {
            return original + (metadata[.offsetTimeOriginal]?.description ?? "")
        }
        if let creation = metadata[.creationDate]?.description { return creation }
        if let create = metadata.entries[.createDate] {
            return create.value.description + (create.source.hasPrefix("QuickTime") ? " UTC" : "")
        }
        return metadata[.gpsDateTime]?.description ?? ""
    }

    static func place(_ metadata: MediaMetadata) -> String {
        guard let latitude = metadata.latitude, let longitude = metadata.longitude else {
            return metadata[.gpsLatitude] != nil ? "(unusable GPS)" : ""
        }
        if metadata.isNullIsland { return "0, 0 (null island)" }
        return "\(NumberText.fixed(latitude, decimals: 6)), \(NumberText.fixed(longitude, decimals: 6))"
    }
}
