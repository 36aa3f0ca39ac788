import MediaMetadata

/// One object of `exiftool -json` output (default formatting, `-n`, `-G`/`-G1`/`-G0:1`, `-l`),
/// read into the fields vestige indexes for extracted media, so that `MediaRow` computes
/// taken_at and null_island exactly as it does for files read by `MetadataExtractor`.
struct ExifToolObject {
    /// `SourceFile`: the path exiftool read.
    let sourceFile: String
    /// Every other member, in the order written.
    let tags: [ExifToolTag]

    /// File types whose ungrouped `CreateDate` is the movie header's (UTC) date.
    private static let videoFileTypes: Set<String> = ["MOV", "MP4", "M4V", "3GP", "3G2", "MQV", "CRM", "INSV"]

    /// Reads `json`; it must be an object with a non-empty text `SourceFile`.
    init(json: JSONValue) throws(ExifToolObjectError) {
        guard case .object(let members) = json else {
            throw ExifToolObjectError(message: "\(json.kindName) where exiftool writes an object per file")
        }
        guard let source = json["SourceFile"] else {
            throw ExifToolObjectError(message: "object without SourceFile (not exiftool -json output?)")
        }
        guard case .string(let path) = source, !path.isEmpty else {
            throw ExifToolObjectError(message: "SourceFile is \(source.kindName), not a file path")
        }
        sourceFile = path
        tags = members.filter { $0.0 != "SourceFile" }.map { ExifToolTag(key: $0.0, value: $0.1) }
    }

    /// `FileSize` in bytes, when it is a plain number (`-n`); "158 kB" is too coarse to keep.
    var byteCount: Int64? {
        for tag in tags where tag.name == "FileSize" {
            if case .number(let literal) = tag.value, let bytes = ExifToolValueParser.integer(literal) { return bytes }
        }
        return nil
    }

    /// The indexed fields with their sources, and warnings for values that are not usable.
    func metadata() -> MediaMetadata {
        var candidates: [ExifToolCandidate] = []
        var warnings: [String] = []
        let fileType = tags.first { $0.name == "FileType" }?.text
        let mime = tags.first { $0.name == "MIMEType" }?.text
        let isVideo =
            mime?.hasPrefix("video/") == true || fileType.map { Self.videoFileTypes.contains($0.uppercased()) } == true
        for tag in tags {
            switch tag.name {
            case "FileType": candidates += textCandidate(.fileType, tag)
            case "MIMEType": candidates += textCandidate(.mimeType, tag)
            case "Make": candidates += textCandidate(.make, tag)
            case "Model": candidates += textCandidate(.model, tag)
            case "Software": candidates += textCandidate(.software, tag)
            case "ImageWidth": candidates += integerCandidate(.imageWidth, tag)
            case "ImageHeight": candidates += integerCandidate(.imageHeight, tag)
            case "DateTimeOriginal": candidates += dateCandidate(.dateTimeOriginal, tag)
            case "CreateDate":
                var created = dateCandidate(.createDate, tag)
                // Ungrouped output names no group; in a video the preferred CreateDate is the
                // movie header's, which MediaRow places on the time line as UTC.
                if tag.isUngrouped && isVideo {
                    for index in created.indices { created[index].source = "QuickTime:CreateDate (ungrouped, video)" }
                }
                candidates += created
            case "CreationDate": candidates += dateCandidate(.creationDate, tag)
            case "ContentCreateDate": candidates += dateCandidate(.contentCreateDate, tag)
            case "GPSDateTime": candidates += dateCandidate(.gpsDateTime, tag)
            case "OffsetTimeOriginal": candidates += offsetCandidate(tag)
            case "Duration": candidates += durationCandidate(tag)
            case "GPSLatitude": candidates += angleCandidate(.gpsLatitude, tag)
            case "GPSLongitude": candidates += angleCandidate(.gpsLongitude, tag)
            case "GPSAltitude": candidates += altitudeCandidate(tag)
            case "Error", "Warning":
                if let text = tag.text { warnings.append("exiftool \(tag.name.lowercased()): \(text)") }
            default: break
            }
        }
        candidates += fallbackCandidates(present: Set(candidates.map(\.field)))
        var chosen: [MetadataField: ExifToolCandidate] = [:]
        for candidate in candidates {
            if let existing = chosen[candidate.field], existing.priority >= candidate.priority { continue }
            chosen[candidate.field] = candidate
        }
        Self.pairPosition(&chosen)
        var metadata = MediaMetadata()
        for field in MetadataField.allCases {
            guard let candidate = chosen[field] else { continue }
            metadata.set(field, candidate.value, source: candidate.source, priority: candidate.priority)
            if let warning = candidate.warning { metadata.warn(warning) }
        }
        for warning in warnings { metadata.warn(warning) }
        return metadata
    }

    /// A position needs both coordinates: when one is unusable or missing, the other is not
    /// used either (the row says why), as a lone latitude is no place.
    private static func pairPosition(_ chosen: inout [MetadataField: ExifToolCandidate]) {
        let latitude = chosen[.gpsLatitude]
        let longitude = chosen[.gpsLongitude]
        let usable = { (candidate: ExifToolCandidate?) in candidate?.value.number != nil }
        guard usable(latitude) != usable(longitude) else { return }
        for (field, other) in [(MetadataField.gpsLatitude, MetadataField.gpsLongitude), (.gpsLongitude, .gpsLatitude)]
        where usable(chosen[field]) {
            guard var candidate = chosen[field] else { continue }
            let reason = chosen[other] == nil ? "is missing" : "is unusable"
            candidate.warning =
                "\(other.rawValue) \(reason): \(field.rawValue) \(candidate.value) not used as a position"
            candidate.value = .unusable(candidate.value.description)
            chosen[field] = candidate
        }
    }

    // MARK: - Candidates per kind of value

    private func textCandidate(_ field: MetadataField, _ tag: ExifToolTag) -> [ExifToolCandidate] {
        guard let text = tag.text, !text.isEmpty else { return [] }
        return [ExifToolCandidate(field: field, value: .text(text), source: tag.key, priority: tag.priority)]
    }

    private func integerCandidate(_ field: MetadataField, _ tag: ExifToolTag) -> [ExifToolCandidate] {
        guard let text = tag.text else { return [] }
        guard let value = ExifToolValueParser.integer(text) else {
            return [
                ExifToolCandidate(
                    field: field, value: .unusable(text), source: tag.key, priority: tag.priority,
                    warning: "\(tag.key) is not a whole number (\(JSONValue.quoted(text)))")
            ]
        }
        return [ExifToolCandidate(field: field, value: .integer(value), source: tag.key, priority: tag.priority)]
    }

    private func dateCandidate(_ field: MetadataField, _ tag: ExifToolTag) -> [ExifToolCandidate] {
        guard let text = tag.text, !text.isEmpty else { return [] }
        guard let date = ExifToolValueParser.date(text) else {
            return [
                ExifToolCandidate(
                    field: field, value: .text(text), source: tag.key, priority: tag.priority,
                    warning:
                        "\(tag.key) \(JSONValue.quoted(text)) is not in exiftool's YYYY:MM:DD HH:MM:SS form "
                        + "(was exiftool run with -d?): kept as text, not placed on the time line")
            ]
        }
        return [ExifToolCandidate(field: field, value: .text(date.text), source: tag.key, priority: tag.priority)]
    }

    private func offsetCandidate(_ tag: ExifToolTag) -> [ExifToolCandidate] {
        guard let text = tag.text, !text.isEmpty else { return [] }
        guard let offset = ExifToolValueParser.offset(text) else {
            return [
                ExifToolCandidate(
                    field: .offsetTimeOriginal, value: .unusable(text), source: tag.key, priority: tag.priority,
                    warning: "\(tag.key) \(JSONValue.quoted(text)) is not a ±HH:MM offset")
            ]
        }
        return [
            ExifToolCandidate(field: .offsetTimeOriginal, value: .text(offset), source: tag.key, priority: tag.priority)
        ]
    }

    private func durationCandidate(_ tag: ExifToolTag) -> [ExifToolCandidate] {
        guard let text = tag.text else { return [] }
        guard let seconds = ExifToolValueParser.duration(text) else {
            return [
                ExifToolCandidate(
                    field: .duration, value: .unusable(text), source: tag.key, priority: tag.priority,
                    warning: "\(tag.key) \(JSONValue.quoted(text)) is not a duration")
            ]
        }
        return [ExifToolCandidate(field: .duration, value: .real(seconds), source: tag.key, priority: tag.priority)]
    }

    /// GPSLatitude / GPSLongitude. Composite and ungrouped values are final (signed, or with a
    /// hemisphere letter); a grouped EXIF value without a letter is unsigned and takes its sign
    /// from the `…Ref` tag of the same group. exiftool's ungrouped `GPSLongitudeRef` can disagree
    /// with the composite's own sign (XMP and EXIF mixed), so it is never applied to a signed value.
    private func angleCandidate(_ field: MetadataField, _ tag: ExifToolTag) -> [ExifToolCandidate] {
        let isLatitude = field == .gpsLatitude
        let text = tag.text ?? ""
        func unusable(_ why: String) -> [ExifToolCandidate] {
            [
                ExifToolCandidate(
                    field: field, value: .unusable(text), source: tag.key, priority: tag.priority,
                    warning: "\(tag.key) \(why): no position")
            ]
        }
        guard tag.text != nil else { return unusable("is \(tag.value.kindName)") }
        guard let angle = ExifToolValueParser.angle(text) else {
            return unusable("is unusable (\(JSONValue.quoted(text)))")
        }
        if let axis = angle.axis, axis != (isLatitude ? .latitude : .longitude) {
            return unusable("names the wrong hemisphere (\(JSONValue.quoted(text)))")
        }
        var degrees = angle.degrees
        var source = tag.key
        var warning: String?
        let plainNumber = ExifToolValueParser.number(text) != nil
        if !angle.isSigned && !tag.isComposite && !(tag.isUngrouped && plainNumber) {
            if let reference = hemisphereReference(for: tag) {
                if reference.negative { degrees = -degrees }
                source += " + " + reference.key
            } else {
                warning =
                    "\(tag.key) has no hemisphere and no \(tag.name)Ref: taken as \(isLatitude ? "north" : "east")"
            }
        }
        guard abs(degrees) <= (isLatitude ? 90 : 180) else { return unusable("is out of range (\(text))") }
        return [
            ExifToolCandidate(
                field: field, value: .real(degrees), source: source, priority: tag.priority, warning: warning)
        ]
    }

    /// The `GPSLatitudeRef`/`GPSLongitudeRef` for an unsigned `tag`: the same groups first, then
    /// any non-composite one.
    private func hemisphereReference(for tag: ExifToolTag) -> (key: String, negative: Bool)? {
        let name = tag.name + "Ref"
        let references = tags.filter { $0.name == name && !$0.isComposite }
        let best = references.first { $0.groups == tag.groups } ?? references.first
        guard let best, let text = best.text else { return nil }
        switch text.trimmingSpaces {
        case "S", "South", "W", "West": return (best.key, true)
        case "N", "North", "E", "East": return (best.key, false)
        default: return nil
        }
    }

    /// GPSAltitude: "139 m Above Sea Level" and "-105" carry their sign; "35 m" and a bare
    /// non-negative number (QuickTime composites, EXIF with `-G`) take it from GPSAltitudeRef.
    private func altitudeCandidate(_ tag: ExifToolTag) -> [ExifToolCandidate] {
        guard let text = tag.text else { return [] }
        guard let altitude = ExifToolValueParser.altitude(text) else {
            return [
                ExifToolCandidate(
                    field: .gpsAltitude, value: .unusable(text), source: tag.key, priority: tag.priority,
                    warning: "\(tag.key) is unusable (\(JSONValue.quoted(text)))")
            ]
        }
        var metres = altitude.metres
        var source = tag.key
        if altitude.reference == nil, metres > 0, let reference = belowSeaLevelReference(for: tag) {
            metres = -metres
            source += " + " + reference
        }
        return [ExifToolCandidate(field: .gpsAltitude, value: .real(metres), source: source, priority: tag.priority)]
    }

    /// The key of a GPSAltitudeRef saying "below sea level" (text or 1), preferring the same groups.
    private func belowSeaLevelReference(for tag: ExifToolTag) -> String? {
        let references = tags.filter { $0.name == "GPSAltitudeRef" }
        guard let best = references.first(where: { $0.groups == tag.groups }) ?? references.first,
            let text = best.text?.trimmingSpaces
        else { return nil }
        return text == "1" || text.hasPrefix("Below") ? best.key : nil
    }

    /// Width, height and position from the composite summaries when no tag of their own exists:
    /// ImageSize ("1920x1080"), GPSPosition, QuickTime GPSCoordinates (with altitude).
    private func fallbackCandidates(present: Set<MetadataField>) -> [ExifToolCandidate] {
        var out: [ExifToolCandidate] = []
        if !present.contains(.imageWidth) || !present.contains(.imageHeight),
            let tag = tags.first(where: { $0.name == "ImageSize" }), let text = tag.text,
            let size = ExifToolValueParser.imageSize(text)
        {
            if !present.contains(.imageWidth) {
                out.append(.init(field: .imageWidth, value: .integer(size.width), source: tag.key, priority: .xmp))
            }
            if !present.contains(.imageHeight) {
                out.append(.init(field: .imageHeight, value: .integer(size.height), source: tag.key, priority: .xmp))
            }
        }
        guard !present.contains(.gpsLatitude) && !present.contains(.gpsLongitude) else { return out }
        for name in ["GPSPosition", "GPSCoordinates"] {
            guard let tag = tags.first(where: { $0.name == name }), let text = tag.text else { continue }
            guard let position = ExifToolValueParser.position(text) else {
                out.append(
                    .init(
                        field: .gpsLatitude, value: .unusable(text), source: tag.key, priority: .xmp,
                        warning: "\(tag.key) is unusable (\(JSONValue.quoted(text))): no position"))
                return out
            }
            out.append(.init(field: .gpsLatitude, value: .real(position.latitude), source: tag.key, priority: .xmp))
            out.append(.init(field: .gpsLongitude, value: .real(position.longitude), source: tag.key, priority: .xmp))
            if let altitude = position.altitude, !present.contains(.gpsAltitude) {
                out.append(.init(field: .gpsAltitude, value: .real(altitude.metres), source: tag.key, priority: .xmp))
            }
            return out
        }
        return out
    }
}

extension String {
    /// The text without leading and trailing spaces.
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
