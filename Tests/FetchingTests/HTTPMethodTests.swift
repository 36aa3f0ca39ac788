import Fetching
import Testing

@Suite struct HTTPMethodTests {
    @Test func methodNames() { #expect(HTTPMethod.get.rawValue == "GET") }
}
