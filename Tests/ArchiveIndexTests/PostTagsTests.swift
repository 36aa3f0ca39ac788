import ArchiveIndex
import Testing

@Suite struct PostTagsTests {
    @Test(arguments: [
        ("Stay home #lockdown #Lockdown #LOCKDOWN", ["lockdown"], [String]()),
        ("#München und #koln", ["münchen", "koln"], []),
        ("page#section, C#1 and #2021 are no tags; #2021election is", ["2021election"], []),
        ("#stop_the_steal!", ["stop_the_steal"], []),
        ("hi @alice and @Bob.", [], ["alice", "bob"]),
        ("mail bob@example.org, not a mention", [], []),
        ("@alice@mastodon.social and @carol", [], ["alice", "carol"]),
        ("(@dave) #tag1,#tag2", ["tag1", "tag2"], ["dave"]),
        ("# alone, @ alone, ## and @@", [], []),
    ])
    func tagsAndMentions(text: String, tags: [String], mentions: [String]) {
        let found = PostTags(text: text)
        #expect(found.tags == tags)
        #expect(found.mentions == mentions)
    }

    @Test func manyTagsAreCapped() {
        let text = (0..<1000).map { "#t\($0)" }.joined(separator: " ")
        #expect(PostTags(text: text).tags.count == PostTags.maxEach)
    }
}
