import Testing
@testable import SamplePlatform
@Test func placeholder() {}
