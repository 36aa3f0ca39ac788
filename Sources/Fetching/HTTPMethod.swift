/// HTTP request methods the crawler uses.
public enum HTTPMethod: String, Sendable {
    case get = "GET"
    case head = "HEAD"
}
