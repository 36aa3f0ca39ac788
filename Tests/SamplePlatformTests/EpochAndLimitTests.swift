import Foundation
import SamplePlatform
import Testing

/// Switching to epoch 2 (edits, deletions, suspensions) live, and the rate limit.
@Suite struct EpochAndLimitTests {
    @Test func epochTwoEditsDeletesAndSuspends() async throws {
        let data = try SampleFixture()
        let edit = try #require(data.changes.edited.first)
        let deleted = try #require(data.changes.deleted.first)
        let suspended = try #require(data.changes.suspended.first)
        let suspendedPost = try #require(data.publicPosts.first { $0.author == suspended.handle })
        let editedPost = try #require(data.post(edit.id))
        let deletedPost = try #require(data.post(deleted.id))
        try await withPlatform { platform, port in
            // Epoch 1: everything as published.
            #expect(platform.epoch == 1)
            #expect(
                try await LoopbackHTTPClient.get(port, "/api/post/\(edit.id)").object?["body"] as? String
                    == editedPost.body)
            #expect(try await LoopbackHTTPClient.get(port, "/api/post/\(deleted.id)").status == 200)
            #expect(try await LoopbackHTTPClient.get(port, "/@\(suspended.handle)").status == 200)

            try platform.setEpoch(2)
            #expect(platform.epoch == 2)

            let api = try #require(try await LoopbackHTTPClient.get(port, "/api/post/\(edit.id)").object)
            #expect(api["body"] as? String == edit.body)
            #expect(api["edited_at"] is String)
            let page = try await LoopbackHTTPClient.get(port, "/@\(editedPost.author)/posts/\(edit.id)")
            #expect(jsonLD(page.text)?["articleBody"] as? String == edit.body)
            #expect(!metaContents(page.text, property: "article:modified_time").isEmpty)
            let status = try #require(try await LoopbackHTTPClient.get(port, "/api/v1/statuses/\(edit.id)").object)
            #expect(status["edited_at"] is String)

            let removed = try await LoopbackHTTPClient.get(port, "/api/post/\(deleted.id)")
            #expect(removed.status == 410)
            #expect(removed.object?["id"] as? Int == deleted.id)
            #expect(removed.object?["removed"] as? Bool == true)
            #expect(try await LoopbackHTTPClient.get(port, "/@\(deletedPost.author)/posts/\(deleted.id)").status == 404)
            #expect(try await LoopbackHTTPClient.get(port, "/api/v1/statuses/\(deleted.id)").status == 404)

            let profile = try await LoopbackHTTPClient.get(port, "/@\(suspended.handle)")
            #expect(profile.status == 410)
            #expect(profile.text.contains("Account suspended"))
            #expect(try await LoopbackHTTPClient.get(port, "/api/post/\(suspendedPost.id)").status == 404)
            #expect(
                try await LoopbackHTTPClient.get(port, "/@\(suspended.handle)/posts/\(suspendedPost.id)").status == 404)

            let timeline = try #require(
                try await LoopbackHTTPClient.get(port, "/api/v1/timelines/public?limit=40").objects)
            let authors = timeline.compactMap { ($0["account"] as? [String: Any])?["username"] as? String }
            #expect(!authors.contains(suspended.handle))
            let sitemap = try await LoopbackHTTPClient.get(port, "/sitemap-posts-1.xml").text
            #expect(!sitemap.contains("/posts/\(deleted.id)<"))
            #expect(sitemap.contains("/posts/\(edit.id)<"))

            try platform.setEpoch(1)
            #expect(try await LoopbackHTTPClient.get(port, "/api/post/\(deleted.id)").status == 200)
            #expect(throws: SamplePlatformError.self) { try platform.setEpoch(3) }
        }
    }

    @Test func burstOverTheLimitGets429WithRetryAfter() async throws {
        try await withPlatform(rateLimit: 5) { _, port in
            let started = ContinuousClock.now
            let replies = try await withThrowingTaskGroup(of: HTTPReply.self) { group in
                for _ in 0..<15 { group.addTask { try await LoopbackHTTPClient.get(port, "/robots.txt") } }
                return try await group.reduce(into: [HTTPReply]()) { $0.append($1) }
            }
            let elapsed = ContinuousClock.now - started
            let ok = replies.filter { $0.status == 200 }.count
            let limited = replies.filter { $0.status == 429 }
            #expect(ok + limited.count == 15)
            #expect(!limited.isEmpty)
            #expect(limited.allSatisfy { $0.header("Retry-After") == "1" })
            if elapsed < .milliseconds(900) { #expect(ok == 5) }
            try await Task.sleep(for: .milliseconds(1_100))
            #expect(try await LoopbackHTTPClient.get(port, "/robots.txt").status == 200)
        }
    }

    @Test func servedRequestsAreLoggedAndTheServerStops() async throws {
        let platform = try SamplePlatform(dataDirectory: SampleFixture.dataDirectory, dataSet: .small)
        let port = try await platform.start()
        #expect(platform.baseURL == "http://127.0.0.1:\(port)")
        await #expect(throws: SamplePlatformError.self) { _ = try await platform.start() }
        _ = try await LoopbackHTTPClient.get(port, "/robots.txt")
        _ = try await LoopbackHTTPClient.get(port, "/admin/")
        let log = platform.servedRequests()
        #expect(log.map(\.target) == ["/robots.txt", "/admin/"])
        #expect(log.map(\.status) == [200, 403])
        await platform.stop()
        #expect(platform.port == nil)
        await #expect(throws: (any Error).self) { _ = try await LoopbackHTTPClient.get(port, "/robots.txt") }
        // It can start again after stopping.
        let again = try await platform.start()
        #expect(try await LoopbackHTTPClient.get(again, "/robots.txt").status == 200)
        await platform.stop()
    }

    @Test func dataDirectoryIsFoundAndBadDataIsReported() throws {
        let root = URL(fileURLWithPath: SampleFixture.dataDirectory).deletingLastPathComponent().path
        #expect(try SamplePlatform.defaultDataDirectory(currentDirectory: root) == root + "/Samples")
        let summary = try SamplePlatform(dataDirectory: SampleFixture.dataDirectory, dataSet: .full).summary
        #expect(summary.users == 300)
        #expect(summary.posts == 3_000)
        #expect(summary.mediaFiles == 33)
        #expect(throws: SamplePlatformError.self) { try SamplePlatform(dataDirectory: "/nonexistent", dataSet: .small) }
        #expect(throws: SamplePlatformError.self) {
            try SamplePlatform(dataDirectory: SampleFixture.dataDirectory, dataSet: .small, epoch: 0)
        }
    }
}
