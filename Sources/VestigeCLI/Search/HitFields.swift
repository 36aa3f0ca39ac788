import ArchiveIndex

/// The fields of a hit in output order; every format prints the same keys.
enum HitFields {
    /// The keys, in order (the CSV header).
    static let keys = [
        "kind", "id", "url", "title", "body", "snippet", "author", "platform", "post_id", "created_at",
        "created_offset", "latitude", "longitude", "null_island", "deleted_at", "distance_km", "score", "mime_type",
        "warc_file", "warc_offset", "warc_length", "record_id", "payload_digest", "source_file", "source_line",
    ]

    /// The values of `hit` in `keys` order; snippet matches wrapped in `open`/`close`.
    static func values(_ hit: SearchHit, open: String = "[", close: String = "]") -> [HitValue] {
        [
            .text(hit.kind.rawValue), .integer(hit.id), HitValue(hit.url), HitValue(hit.title), HitValue(hit.body),
            HitValue(hit.snippet(open: open, close: close)), HitValue(hit.author), HitValue(hit.platform),
            HitValue(hit.postID), HitValue(hit.createdAt), HitValue(hit.createdOffset), HitValue(hit.latitude),
            HitValue(hit.longitude), .bool(hit.nullIsland), HitValue(hit.deletedAt), HitValue(hit.distanceKilometres),
            HitValue(hit.score), HitValue(hit.mimeType), HitValue(hit.warcFile), HitValue(hit.warcOffset),
            HitValue(hit.warcLength), HitValue(hit.recordID), HitValue(hit.payloadDigest), HitValue(hit.sourceFile),
            HitValue(hit.sourceLine),
        ]
    }

    /// `hit` as one JSON object; an edited post's earlier texts under `versions` (with --history).
    static func jsonObject(_ hit: SearchHit) -> String {
        let values = values(hit)
        var fields = zip(keys, values).map { JSONText.quoted($0) + ":" + $1.json }
        if !hit.versions.isEmpty {
            let versions = hit.versions.map { version in
                "{\"seen_at\":\(HitValue(version.seenAt).json),\"body\":\(JSONText.quoted(version.body)),"
                    + "\"record_id\":\(HitValue(version.recordID).json),"
                    + "\"payload_digest\":\(HitValue(version.payloadDigest).json),"
                    + "\"source_file\":\(HitValue(version.sourceFile).json),"
                    + "\"source_line\":\(HitValue(version.sourceLine).json)}"
            }
            fields.append("\"versions\":[" + versions.joined(separator: ",") + "]")
        }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
