import CCurl

/// A libcurl result code (CURLcode) and what it means for a fetch. Part of the C seam:
/// the rest of the module sees only `category` and `message`.
struct CurlResultCode: Sendable, Hashable {
    /// What a result code says about the transfer, in the terms the rest of the module uses.
    enum Category: Sendable, Hashable {
        case ok
        case invalidRequest
        case dnsFailure
        case connectFailure
        case timeout
        case tlsFailure
        case tooManyRedirects
        case fileSizeExceeded
        /// A write or header callback refused data (body or head limit reached).
        case aborted
        /// The connection broke or closed in the middle of the response.
        case incomplete
        /// The server closed the connection without sending anything.
        case emptyReply
        case protocolError
        case other
    }

    /// The CURLcode value.
    let rawValue: Int

    init(_ code: CURLcode) {
        rawValue = Int(code.rawValue)
    }

    /// libcurl's short description of the code ("Couldn't connect to server").
    var genericMessage: String {
        guard let text = vestige_curl_easy_strerror(CURLcode(UInt32(truncatingIfNeeded: rawValue))) else {
            return "libcurl error \(rawValue)"
        }
        return String(cString: text)
    }

    var category: Category {
        let code = CURLcode(UInt32(truncatingIfNeeded: rawValue))
        switch code {
        case CURLE_OK: return .ok
        case CURLE_URL_MALFORMAT, CURLE_BAD_FUNCTION_ARGUMENT, CURLE_NOT_BUILT_IN, CURLE_UNKNOWN_OPTION:
            return .invalidRequest
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: return .dnsFailure
        case CURLE_COULDNT_CONNECT: return .connectFailure
        case CURLE_OPERATION_TIMEDOUT: return .timeout
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
            CURLE_SSL_ENGINE_INITFAILED, CURLE_USE_SSL_FAILED, CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE,
            CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS,
            CURLE_SSL_CLIENTCERT:
            return .tlsFailure
        case CURLE_TOO_MANY_REDIRECTS: return .tooManyRedirects
        case CURLE_FILESIZE_EXCEEDED: return .fileSizeExceeded
        case CURLE_WRITE_ERROR, CURLE_ABORTED_BY_CALLBACK: return .aborted
        case CURLE_PARTIAL_FILE, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_HTTP2_STREAM, CURLE_HTTP2:
            return .incomplete
        case CURLE_GOT_NOTHING: return .emptyReply
        // Schemes are checked before a request reaches libcurl, so UNSUPPORTED_PROTOCOL means a
        // reply that is not HTTP at all ("Received HTTP/0.9 when not allowed").
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_WEIRD_SERVER_REPLY, CURLE_BAD_CONTENT_ENCODING, CURLE_HTTP3,
            CURLE_RANGE_ERROR,
            CURLE_HTTP_RETURNED_ERROR:
            return .protocolError
        default: return .other
        }
    }
}
