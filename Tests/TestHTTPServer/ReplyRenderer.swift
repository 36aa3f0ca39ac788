/// Turns a scripted `Reply` into the steps the connection performs, and says whether the
/// connection stays open afterwards.
enum ReplyRenderer {
    /// The steps for `reply` to `request`.
    static func steps(for reply: Reply, request: RecordedRequest) -> [ReplyStep] {
        let isHead = request.method == "HEAD"
        let clientCloses = request.header("Connection")?.lowercased() == "close"
        switch reply {
        case .response(let status, let headers, let body):
            var fields = headers
            let named = Set(fields.map { $0.0.lowercased() })
            let bodyless = status == 204 || status == 304 || (100..<200).contains(status)
            if !bodyless && !named.contains("content-length") && !named.contains("transfer-encoding") {
                fields.append(("Content-Length", String(body.count)))
            }
            if clientCloses && !named.contains("connection") { fields.append(("Connection", "close")) }
            var steps: [ReplyStep] = [.send(head(status: status, fields: fields))]
            if !isHead && !bodyless && !body.isEmpty { steps.append(.send(body)) }
            if clientCloses || fields.contains(where: { $0.0.lowercased() == "connection" && $0.1 == "close" }) {
                steps.append(.close)
            }
            return steps
        case .raw(let bytes):
            return [.send(bytes), .close]
        case .rawKeepingConnection(let bytes):
            return [.send(bytes)]
        case .chunked(let chunks, let status, let headers):
            var fields = headers
            fields.append(("Transfer-Encoding", "chunked"))
            var body: [UInt8] = []
            for chunk in chunks where !chunk.isEmpty {
                body += Array(String(chunk.count, radix: 16).utf8) + [0x0D, 0x0A] + chunk + [0x0D, 0x0A]
            }
            body += Array("0\r\n\r\n".utf8)
            var steps: [ReplyStep] = [.send(head(status: status, fields: fields))]
            if !isHead { steps.append(.send(body)) }
            if clientCloses { steps.append(.close) }
            return steps
        case .truncate(let after, let body):
            let fields = [("Content-Type", "application/octet-stream"), ("Content-Length", String(body.count))]
            return [.send(head(status: 200, fields: fields)), .send(Array(body.prefix(max(0, after)))), .close]
        case .trickle(let rate, let headersFirst, let inner):
            var slowed: [ReplyStep] = []
            var sentFirst = false
            for step in steps(for: inner, request: request) {
                if case .send(let bytes) = step {
                    slowed.append(headersFirst && !sentFirst ? step : .sendSlowly(bytes, bytesPerSecond: rate))
                    sentFirst = true
                } else {
                    slowed.append(step)
                }
            }
            return slowed + [.close]
        case .reset:
            return [.reset]
        case .resetAfter(let after, let body):
            let fields = [("Content-Type", "application/octet-stream"), ("Content-Length", String(body.count))]
            return [.send(head(status: 200, fields: fields)), .send(Array(body.prefix(max(0, after)))), .reset]
        case .delay(let seconds, let then):
            return [.pause(seconds: seconds)] + steps(for: then, request: request)
        case .status(let status, let retryAfter):
            var fields = [("Content-Type", "text/plain")]
            if let retryAfter { fields.append(("Retry-After", retryAfter)) }
            return steps(
                for: .response(status: status, headers: fields, body: Array("status \(status)\n".utf8)),
                request: request)
        }
    }

    private static func head(status: Int, fields: [(String, String)]) -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(reason(status))\r\n"
        for (name, value) in fields { text += "\(name): \(value)\r\n" }
        text += "\r\n"
        return Array(text.utf8)
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 204: "No Content"
        case 206: "Partial Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
