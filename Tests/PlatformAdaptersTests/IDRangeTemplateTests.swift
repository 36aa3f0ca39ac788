import PlatformAdapters
import Testing

@Suite struct IDRangeTemplateTests {
    @Test func generatesEveryURLInOrder() throws {
        let range = try IDRangeTemplate(template: "http://127.0.0.1:8080/api/post/{id}", first: 8, last: 11)
        #expect(range.count == 4)
        #expect(
            range.urls() == [
                "http://127.0.0.1:8080/api/post/8", "http://127.0.0.1:8080/api/post/9",
                "http://127.0.0.1:8080/api/post/10",
                "http://127.0.0.1:8080/api/post/11",
            ])
        let single = try IDRangeTemplate(template: "https://x.example/p?id={id}&full=1", ids: 5...5)
        #expect(single.urls() == ["https://x.example/p?id=5&full=1"])
    }

    @Test func findsIDsInURLsOfTheSameShape() throws {
        let range = try IDRangeTemplate(template: "http://127.0.0.1:8080/api/post/{id}", first: 1, last: 10)
        #expect(range.id(in: "http://127.0.0.1:8080/api/post/42") == "42", "outside the range still has the shape")
        #expect(range.id(in: "http://other-host/api/post/7?fields=all") == "7")
        #expect(range.id(in: "http://127.0.0.1:8080/api/post/") == nil)
        #expect(range.id(in: "http://127.0.0.1:8080/api/post/7/replies") == nil)
        #expect(range.id(in: "http://127.0.0.1:8080/api/post/abc") == nil)
        #expect(range.id(in: "not a url") == nil)
        let query = try IDRangeTemplate(template: "https://x.example/p?id={id}", first: 1, last: 2)
        #expect(query.id(in: "https://x.example/p?id=19") == "19")
    }

    @Test func boundsAreChecked() throws {
        let largest = try IDRangeTemplate(
            template: "http://h/api/post/{id}", first: 0, last: IDRangeTemplate.maxCount - 1)
        #expect(largest.count == IDRangeTemplate.maxCount)
        #expect(throws: IDRangeTemplateError.tooMany(count: "10000001", limit: IDRangeTemplate.maxCount)) {
            try IDRangeTemplate(template: "http://h/api/post/{id}", first: 0, last: IDRangeTemplate.maxCount)
        }
        #expect(throws: IDRangeTemplateError.tooMany(count: "9223372036854775808", limit: IDRangeTemplate.maxCount)) {
            try IDRangeTemplate(template: "http://h/api/post/{id}", first: 0, last: Int.max)
        }
        #expect(throws: IDRangeTemplateError.badRange(first: 5, last: 4)) {
            try IDRangeTemplate(template: "http://h/api/post/{id}", first: 5, last: 4)
        }
        #expect(throws: IDRangeTemplateError.badRange(first: -3, last: 4)) {
            try IDRangeTemplate(template: "http://h/api/post/{id}", first: -3, last: 4)
        }
    }

    @Test(arguments: [
        ("http://h/api/post/", IDRangeTemplateError.placeholderCount("http://h/api/post/", found: 0)),
        ("http://h/{id}/{id}", .placeholderCount("http://h/{id}/{id}", found: 2)),
        ("ftp://h/post/{id}", .notHTTPURL("ftp://h/post/{id}")),
        ("/api/post/{id}", .notHTTPURL("/api/post/{id}")),
        ("http://{id}.example/post", .notHTTPURL("http://{id}.example/post")),
        ("http://host{id}", .notHTTPURL("http://host{id}")),
    ])
    func badTemplatesAreRefused(template: String, error: IDRangeTemplateError) {
        #expect(throws: error) { try IDRangeTemplate(template: template, first: 1, last: 2) }
        #expect(!error.description.isEmpty)
    }
}
