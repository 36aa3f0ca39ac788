import Hummingbird

/// Hands each Hummingbird request to `PlatformState` and turns the answer into a `Response`.
/// HEAD gets the GET answer's headers (Content-Length included) without the body.
struct PlatformResponder: HTTPResponder {
    let state: PlatformState

    func respond(to request: Request, context: PlatformRequestContext) async throws -> Response {
        let platformRequest = PlatformRequest(
            method: request.method.rawValue, target: request.uri.string, range: request.headers[.range],
            ifNoneMatch: request.headers[.ifNoneMatch])
        let answer = state.respond(to: platformRequest, client: context.clientAddress)
        var headers = HTTPFields()
        for (name, value) in answer.headers where !value.isEmpty {
            guard let fieldName = HTTPFields.Element.Name(name) else { continue }
            headers.append(HTTPFields.Element(name: fieldName, value: value))
        }
        headers[.contentLength] = String(answer.body.count)
        let status = HTTPResponse.Status(code: answer.status)
        // 304 has no body by definition; HEAD keeps the length but sends none.
        if request.method == .head || answer.status == 304 {
            if answer.status == 304 { headers[.contentLength] = nil }
            return Response(status: status, headers: headers, body: ResponseBody())
        }
        return Response(
            status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
