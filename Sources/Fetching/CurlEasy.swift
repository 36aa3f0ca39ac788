import CCurl

/// One libcurl easy handle (one transfer), configured for byte-exact recording.
///
/// Part of the C seam: it turns the request into libcurl options, routes libcurl's callbacks
/// to a `TransferRecorder` and reads the transfer's facts back as Swift values.
/// Used only on the event-loop thread.
final class CurlEasy {
    /// The CURL* handle.
    let handle: UnsafeMutableRawPointer
    /// Where the callbacks deliver bytes; retained here for as long as libcurl may call back.
    let recorder: TransferRecorder
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>

    /// A fresh easy handle; nil when libcurl cannot allocate one.
    init?(recorder: TransferRecorder) {
        guard let handle = vestige_curl_easy_init() else { return nil }
        self.handle = handle
        self.recorder = recorder
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        vestige_curl_easy_cleanup(handle)
        vestige_curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    /// The key the multi handle reports this transfer under.
    var key: EasyKey { EasyKey(address: handle) }

    /// Sets every option for this request. Returns a problem description when an option is refused.
    func configure(request: FetchRequest, configuration: FetchConfiguration) -> String? {
        let recorderPointer = Unmanaged.passUnretained(recorder).toOpaque()
        var failures: [String] = []
        func check(_ code: CURLcode, _ what: String) {
            if code != CURLE_OK { failures.append("\(what): \(CurlResultCode(code).genericMessage)") }
        }
        check(vestige_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), "error buffer")
        check(vestige_easy_setopt_string(handle, CURLOPT_URL, request.url), "URL")
        check(vestige_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"), "protocols")
        check(vestige_easy_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"), "protocols")
        check(vestige_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1), "no signals")
        // The crawler records each hop of a redirect chain as its own capture.
        check(vestige_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0), "redirects")
        // Byte-exact recording: no de-chunking, no decompression.
        check(vestige_easy_setopt_long(handle, CURLOPT_HTTP_CONTENT_DECODING, 0), "content decoding")
        check(vestige_easy_setopt_long(handle, CURLOPT_HTTP_TRANSFER_DECODING, 0), "transfer decoding")
        check(vestige_easy_setopt_string(handle, CURLOPT_USERAGENT, configuration.userAgent), "User-Agent")
        if request.method == .head {
            check(vestige_easy_setopt_long(handle, CURLOPT_NOBODY, 1), "HEAD")
        }

        let totalTimeout = request.totalTimeout ?? configuration.totalTimeout
        check(
            vestige_easy_setopt_long(
                handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(configuration.connectTimeout)),
            "connect timeout")
        check(vestige_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(totalTimeout)), "timeout")
        if configuration.lowSpeedLimit > 0 {
            let seconds = max(1, (Self.milliseconds(configuration.lowSpeedTime) + 999) / 1000)
            check(vestige_easy_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, configuration.lowSpeedLimit), "low speed")
            check(vestige_easy_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, seconds), "low speed time")
        }

        let version: Int
        switch configuration.httpVersion {
        case .http1: version = Int(CURL_HTTP_VERSION_1_1)
        case .http2OverTLS: version = Int(CURL_HTTP_VERSION_2TLS)
        }
        check(vestige_easy_setopt_long(handle, CURLOPT_HTTP_VERSION, version), "HTTP version")
        // Prefer multiplexing on an existing HTTP/2 connection to opening another one.
        check(vestige_easy_setopt_long(handle, CURLOPT_PIPEWAIT, 1), "pipewait")
        if request.url.utf8.prefix(7).map({ $0 | 0x20 }).elementsEqual("http://".utf8) {
            // Refused only by libcurl before 7.80, which then goes without the guard.
            _ = vestige_easy_guard_reused_connection(handle)
        }
        if let caFile = configuration.caFile {
            check(vestige_easy_setopt_string(handle, CURLOPT_CAINFO, caFile), "CA file")
        }

        var fields = configuration.defaultHeaders
        for field in request.headers { fields.remove(name: field.name) }
        if let encoding = configuration.acceptEncoding, !request.headers.contains("Accept-Encoding") {
            fields.set(name: "Accept-Encoding", value: encoding)
        }
        for field in request.headers { fields.add(name: field.name, value: field.value) }
        for field in fields {
            // libcurl's syntax: "Name;" sends an empty field, "Name:" would remove it.
            let line = field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)"
            guard let list = vestige_curl_slist_append(headerList, line) else {
                failures.append("could not allocate the header list")
                break
            }
            headerList = list
        }
        if let headerList {
            check(vestige_easy_setopt_pointer(handle, CURLOPT_HTTPHEADER, headerList), "headers")
        }

        check(vestige_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, recorderPointer), "header data")
        check(
            vestige_easy_setopt_write_function(handle, CURLOPT_HEADERFUNCTION) { buffer, size, count, context in
                CurlEasy.deliver(buffer, size * count, context) { $0.receiveHeaderLine($1) }
            }, "header function")
        check(vestige_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, recorderPointer), "write data")
        check(
            vestige_easy_setopt_write_function(handle, CURLOPT_WRITEFUNCTION) { buffer, size, count, context in
                CurlEasy.deliver(buffer, size * count, context) { $0.receiveBody($1) }
            }, "write function")
        // The request head as sent only reaches the debug callback, which needs verbose mode.
        check(vestige_easy_setopt_pointer(handle, CURLOPT_DEBUGDATA, recorderPointer), "debug data")
        check(
            vestige_easy_setopt_debug_function(handle) { _, type, data, size, context in
                if type == CURLINFO_HEADER_OUT, let data, let context {
                    let recorder = Unmanaged<TransferRecorder>.fromOpaque(context).takeUnretainedValue()
                    recorder.receiveRequestHead(UnsafeRawBufferPointer(start: data, count: size))
                }
                return 0
            }, "debug function")
        check(vestige_easy_setopt_long(handle, CURLOPT_VERBOSE, 1), "verbose")
        return failures.isEmpty ? nil : failures.joined(separator: "; ")
    }

    /// libcurl's detailed message for the transfer's failure, else the code's generic text.
    func message(for result: CurlResultCode) -> String {
        let detailed = String(cString: errorBuffer)
        return detailed.isEmpty ? result.genericMessage : detailed
    }

    /// What libcurl knows about the finished transfer.
    func info() -> CurlTransferInfo {
        let version: HTTPVersion
        switch getLong(CURLINFO_HTTP_VERSION) {
        case Int(CURL_HTTP_VERSION_1_0): version = .http10
        case Int(CURL_HTTP_VERSION_2_0): version = .http2
        case Int(CURL_HTTP_VERSION_3): version = .http3
        default: version = .http11
        }
        return CurlTransferInfo(
            statusCode: getLong(CURLINFO_RESPONSE_CODE),
            httpVersion: version,
            remoteIP: getString(CURLINFO_PRIMARY_IP) ?? "",
            remotePort: getLong(CURLINFO_PRIMARY_PORT),
            redirectURL: getString(CURLINFO_REDIRECT_URL),
            newConnections: getLong(CURLINFO_NUM_CONNECTS),
            timings: FetchTimings(
                nameLookup: getMicroseconds(CURLINFO_NAMELOOKUP_TIME_T),
                connect: getMicroseconds(CURLINFO_CONNECT_TIME_T),
                tlsHandshake: getMicroseconds(CURLINFO_APPCONNECT_TIME_T),
                firstByte: getMicroseconds(CURLINFO_STARTTRANSFER_TIME_T),
                total: getMicroseconds(CURLINFO_TOTAL_TIME_T)))
    }

    /// Hands a callback's bytes to the recorder; returns the byte count to accept them, 0 to abort.
    private static func deliver(
        _ buffer: UnsafeMutablePointer<CChar>?, _ count: Int, _ context: UnsafeMutableRawPointer?,
        _ receive: (TransferRecorder, UnsafeRawBufferPointer) -> Bool
    ) -> Int {
        guard let context else { return 0 }
        let recorder = Unmanaged<TransferRecorder>.fromOpaque(context).takeUnretainedValue()
        return receive(recorder, UnsafeRawBufferPointer(start: buffer, count: buffer == nil ? 0 : count)) ? count : 0
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        return overflow ? Int.max : Int(clamping: product + attoseconds / 1_000_000_000_000_000)
    }

    private func getLong(_ info: CURLINFO) -> Int {
        var value = 0
        return vestige_easy_getinfo_long(handle, info, &value) == CURLE_OK ? value : 0
    }

    private func getString(_ info: CURLINFO) -> String? {
        var value: UnsafePointer<CChar>?
        guard vestige_easy_getinfo_string(handle, info, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    private func getMicroseconds(_ info: CURLINFO) -> Duration {
        var value: curl_off_t = 0
        guard vestige_easy_getinfo_off(handle, info, &value) == CURLE_OK else { return .zero }
        return .microseconds(value)
    }
}
