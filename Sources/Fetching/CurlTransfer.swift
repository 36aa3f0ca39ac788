/// One running transfer: the caller's submission, its easy handle and recorder, and how to turn
/// libcurl's result into a response or an error. Used only on the event-loop thread.
final class CurlTransfer {
    let submission: TransferSubmission
    let easy: CurlEasy
    private let failOnOversizedBody: Bool

    init(submission: TransferSubmission, easy: CurlEasy, failOnOversizedBody: Bool) {
        self.submission = submission
        self.easy = easy
        self.failOnOversizedBody = failOnOversizedBody
    }

    private var url: String { submission.request.url }

    /// The fetch's outcome for libcurl's result code.
    ///
    /// Once a complete response head has arrived, a broken connection or a timeout still yields a
    /// response (marked truncated, with the bytes that came), because the archive wants them.
    func outcome(_ result: CurlResultCode) -> Result<FetchResponse, FetchError> {
        let recorder = easy.recorder
        let message = easy.message(for: result)
        let haveHead = recorder.headComplete && !recorder.headTooLarge
        switch result.category {
        case .ok:
            guard haveHead else { return .failure(.protocolError(url: url, message: "no response head received")) }
            return .success(response(truncation: nil))
        case .aborted:
            if recorder.headTooLarge {
                return .failure(
                    .protocolError(url: url, message: "the response head exceeds \(recorder.maxHeadBytes) bytes"))
            }
            if recorder.hitBodyLimit && haveHead {
                if failOnOversizedBody { return .failure(.bodyTooLarge(url: url, limit: recorder.maxBodyBytes)) }
                return .success(response(truncation: .length(limit: recorder.maxBodyBytes)))
            }
            return .failure(.other(url: url, code: result.rawValue, message: message))
        case .incomplete:
            if haveHead { return .success(response(truncation: .disconnect(message: message))) }
            return .failure(.connectionLost(url: url, message: message))
        case .timeout:
            if haveHead { return .success(response(truncation: .time(message: message))) }
            return .failure(.timeout(url: url, message: message))
        case .emptyReply: return .failure(.connectionLost(url: url, message: message))
        case .invalidRequest: return .failure(.invalidRequest(url: url, message: message))
        case .dnsFailure: return .failure(.dnsFailure(url: url, message: message))
        case .connectFailure: return .failure(.connectFailure(url: url, message: message))
        case .tlsFailure: return .failure(.tlsFailure(url: url, message: message))
        case .tooManyRedirects: return .failure(.tooManyRedirects(url: url, message: message))
        case .fileSizeExceeded: return .failure(.bodyTooLarge(url: url, limit: recorder.maxBodyBytes))
        case .protocolError: return .failure(.protocolError(url: url, message: message))
        case .other: return .failure(.other(url: url, code: result.rawValue, message: message))
        }
    }

    private func response(truncation: BodyTruncation?) -> FetchResponse {
        let info = easy.info()
        let recorder = easy.recorder
        return FetchResponse(
            url: url,
            statusCode: info.statusCode,
            httpVersion: info.httpVersion,
            rawHead: recorder.head,
            headers: ResponseHeadParser.fields(in: recorder.head),
            body: recorder.body,
            truncation: truncation,
            requestHead: recorder.requestHead,
            remoteIP: info.remoteIP,
            remotePort: info.remotePort,
            redirectLocation: info.redirectURL,
            reusedConnection: info.newConnections == 0,
            timings: info.timings)
    }
}
