/// The record types of WARC 1.1 (ISO 28500:2017, section 6).
public enum WARCRecordType: String, Sendable, CaseIterable {
    case warcinfo, response, resource, request, metadata, revisit, conversion, continuation
}
