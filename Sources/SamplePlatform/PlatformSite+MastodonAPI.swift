/// A read-only subset of Mastodon's REST API, in the documented JSON shapes
/// (docs.joinmastodon.org entities Status, Account, MediaAttachment, Tag, Mention) with
/// `Link: <…>; rel="next", <…>; rel="prev"` pagination.
extension PlatformSite {
    static let mastodonDefaultLimit = 20
    static let mastodonMaxLimit = 40

    struct MastodonAccount: Encodable, Sendable {
        let id: String
        let username: String
        let acct: String
        let displayName: String
        let locked = false
        let bot = false
        let discoverable = true
        let group = false
        let createdAt: String
        let note: String
        let url: String
        let uri: String
        let avatar: String
        let avatarStatic: String
        let header: String
        let headerStatic: String
        let followersCount: Int
        let followingCount: Int
        let statusesCount: Int
        let lastStatusAt: JSONNullable<String>
        let emojis: [String] = []
        let fields: [String] = []

        enum CodingKeys: String, CodingKey {
            case id, username, acct, locked, bot, discoverable, group, note, url, uri, avatar, header, emojis, fields
            case displayName = "display_name"
            case createdAt = "created_at"
            case avatarStatic = "avatar_static"
            case headerStatic = "header_static"
            case followersCount = "followers_count"
            case followingCount = "following_count"
            case statusesCount = "statuses_count"
            case lastStatusAt = "last_status_at"
        }
    }

    struct MastodonMediaMeta: Encodable, Sendable {
        struct Original: Encodable, Sendable {
            let width: Int?
            let height: Int?
            let size: String?
            let aspect: Double?
            let duration: Double?
        }

        let original: Original
    }

    struct MastodonMediaAttachment: Encodable, Sendable {
        let id: String
        /// `image` or `video`.
        let type: String
        /// The original file, metadata intact.
        let url: String
        /// The transcoded copy, metadata stripped.
        let previewURL: String
        let remoteURL: JSONNullable<String>
        let previewRemoteURL: JSONNullable<String>
        let textURL: JSONNullable<String>
        let meta: MastodonMediaMeta
        let description: JSONNullable<String>
        let blurhash: JSONNullable<String>

        enum CodingKeys: String, CodingKey {
            case id, type, url, meta, description, blurhash
            case previewURL = "preview_url"
            case remoteURL = "remote_url"
            case previewRemoteURL = "preview_remote_url"
            case textURL = "text_url"
        }
    }

    struct MastodonMention: Encodable, Sendable {
        let id: String
        let username: String
        let url: String
        let acct: String
    }

    struct MastodonTag: Encodable, Sendable {
        let name: String
        let url: String
    }

    /// Boxes the reblogged status: a struct cannot hold itself.
    final class MastodonReblog: Encodable, Sendable {
        let status: MastodonStatus

        init(_ status: MastodonStatus) { self.status = status }

        func encode(to encoder: any Encoder) throws { try status.encode(to: encoder) }
    }

    struct MastodonStatus: Encodable, Sendable {
        let id: String
        let createdAt: String
        let inReplyToID: JSONNullable<String>
        let inReplyToAccountID: JSONNullable<String>
        let sensitive = false
        let spoilerText = ""
        let visibility = "public"
        let language: String
        let uri: String
        let url: String
        let repliesCount: Int
        let reblogsCount: Int
        let favouritesCount = 0
        let editedAt: JSONNullable<String>
        let content: String
        let reblog: JSONNullable<MastodonReblog>
        let account: MastodonAccount
        let mediaAttachments: [MastodonMediaAttachment]
        let mentions: [MastodonMention]
        let tags: [MastodonTag]
        let emojis: [String] = []
        let card = JSONNullable<String>(nil)
        let poll = JSONNullable<String>(nil)

        enum CodingKeys: String, CodingKey {
            case id, sensitive, visibility, language, uri, url, content, reblog, account, mentions, tags, emojis, card,
                poll
            case createdAt = "created_at"
            case inReplyToID = "in_reply_to_id"
            case inReplyToAccountID = "in_reply_to_account_id"
            case spoilerText = "spoiler_text"
            case repliesCount = "replies_count"
            case reblogsCount = "reblogs_count"
            case favouritesCount = "favourites_count"
            case editedAt = "edited_at"
            case mediaAttachments = "media_attachments"
        }
    }

    struct MastodonInstance: Encodable, Sendable {
        struct Stats: Encodable, Sendable {
            let userCount: Int
            let statusCount: Int
            let domainCount: Int

            enum CodingKeys: String, CodingKey {
                case userCount = "user_count"
                case statusCount = "status_count"
                case domainCount = "domain_count"
            }
        }

        let uri: String
        let title: String
        let shortDescription: String
        let description: String
        let email: String
        let version: String
        let stats: Stats
        let languages: [String]
        let registrations = false
        let approvalRequired = false

        enum CodingKeys: String, CodingKey {
            case uri, title, description, email, version, stats, languages, registrations
            case shortDescription = "short_description"
            case approvalRequired = "approval_required"
        }
    }

    // MARK: Entities

    func mastodonAccountValue(_ user: User) -> MastodonAccount {
        let posts = view.postsByAuthor[user.handle] ?? []
        let created = Timestamp(iso8601: user.createdAt).map { $0.date + "T00:00:00.000Z" } ?? user.createdAt
        return MastodonAccount(
            id: String(user.id), username: user.handle, acct: user.handle, displayName: user.displayName,
            createdAt: created,
            note: "<p>" + HTML.escape(user.bio) + "</p>", url: urls.profile(user.handle),
            uri: urls.profile(user.handle),
            avatar: urls.avatar, avatarStatic: urls.avatar, header: urls.avatar, headerStatic: urls.avatar,
            followersCount: 0, followingCount: 0, statusesCount: posts.count,
            lastStatusAt: JSONNullable(posts.first?.createdAt?.date))
    }

    func mastodonStatusValue(_ post: VisiblePost) -> MastodonStatus {
        let shared = post.post.repostOf.flatMap { view.posts[$0] }
        let parent = post.post.replyTo.flatMap { catalog.posts[$0] }
        let attachments = post.post.media.enumerated().compactMap { index, name -> MastodonMediaAttachment? in
            guard let file = catalog.media[name] else { return nil }
            let width = file.entry.width
            let height = file.entry.height
            let original = MastodonMediaMeta.Original(
                width: width, height: height, size: width.flatMap { w in height.map { "\(w)x\($0)" } },
                aspect: width.flatMap { w in height.flatMap { $0 > 0 ? Double(w) / Double($0) : nil } },
                duration: file.entry.duration)
            return MastodonMediaAttachment(
                id: String(post.id * 10 + index), type: file.entry.type, url: urls.original(name),
                previewURL: urls.transcoded(name), remoteURL: JSONNullable(nil), previewRemoteURL: JSONNullable(nil),
                textURL: JSONNullable(nil), meta: MastodonMediaMeta(original: original), description: JSONNullable(nil),
                blurhash: JSONNullable(nil))
        }
        let mentions = post.mentions.compactMap { handle in
            view.usersByHandle[handle].map {
                MastodonMention(id: String($0.id), username: $0.handle, url: urls.profile($0.handle), acct: $0.handle)
            }
        }
        return MastodonStatus(
            id: String(post.id), createdAt: post.createdAt?.mastodon ?? post.post.createdAt,
            inReplyToID: JSONNullable(parent.map { String($0.id) }),
            inReplyToAccountID: JSONNullable(parent.flatMap { view.usersByHandle[$0.author] }.map { String($0.id) }),
            language: post.post.lang, uri: urls.post(post.author.handle, post.id),
            url: urls.post(post.author.handle, post.id),
            repliesCount: view.replyCounts[post.id] ?? 0, reblogsCount: view.repostCounts[post.id] ?? 0,
            editedAt: JSONNullable(post.editedAt.flatMap { Timestamp(iso8601: $0)?.mastodon }),
            content: contentHTML(post),
            reblog: JSONNullable(shared.map { MastodonReblog(mastodonStatusValue($0)) }),
            account: mastodonAccountValue(post.author), mediaAttachments: attachments, mentions: mentions,
            tags: post.hashtags.map { MastodonTag(name: $0.lowercased(), url: urls.tag($0)) })
    }

    // MARK: Endpoints

    func mastodonError(_ message: String, status: Int) -> PlatformResponse {
        .json(JSONOutput.encode(["error": message]), status: status)
    }

    func mastodonInstance() -> PlatformResponse {
        let host = urls.base.split(separator: "/").last.map(String.init) ?? urls.base
        let value = MastodonInstance(
            uri: host, title: Self.siteName, shortDescription: "A sample social platform for the vestige archiver.",
            description: "Public posts from January 2021, served on loopback for archiving tests.",
            email: "admin@localhost",
            version: "4.0.0 (compatible; vestige sample platform)",
            stats: .init(userCount: view.activeUsers.count, statusCount: view.timeline.count, domainCount: 1),
            languages: ["de", "en"])
        return .json(JSONOutput.encode(value))
    }

    func mastodonPublicTimeline(_ request: PlatformRequest) -> PlatformResponse {
        mastodonPage(view.timeline, request: request, endpoint: urls.mastodonPublicTimeline)
    }

    func mastodonAccountLookup(_ request: PlatformRequest) -> PlatformResponse {
        guard let acct = request.query["acct"], !acct.isEmpty else { return mastodonError("Missing acct", status: 400) }
        let handle = acct.hasPrefix("@") ? String(acct.dropFirst()) : acct
        return mastodonAccountResponse(
            view.account(handle: handle.split(separator: "@").first.map(String.init) ?? handle))
    }

    func mastodonAccount(_ id: Int) -> PlatformResponse { mastodonAccountResponse(view.account(id: id)) }

    private func mastodonAccountResponse(_ state: AccountState) -> PlatformResponse {
        switch state {
        case .missing: mastodonError("Record not found", status: 404)
        case .suspended: mastodonError("Account is suspended", status: 410)
        case .active(let user): .json(JSONOutput.encode(mastodonAccountValue(user)))
        }
    }

    func mastodonAccountStatuses(_ id: Int, _ request: PlatformRequest) -> PlatformResponse {
        switch view.account(id: id) {
        case .missing: mastodonError("Record not found", status: 404)
        case .suspended: mastodonError("Account is suspended", status: 410)
        case .active(let user):
            mastodonPage(
                view.postsByAuthor[user.handle] ?? [], request: request, endpoint: urls.mastodonAccountStatuses(id))
        }
    }

    func mastodonStatus(_ id: Int) -> PlatformResponse {
        guard case .visible(let post) = view.state(ofPost: id, allPosts: catalog.posts) else {
            return mastodonError("Record not found", status: 404)
        }
        return .json(JSONOutput.encode(mastodonStatusValue(post)))
    }

    /// One page of `posts` (newest first) by Mastodon's rules: `max_id` (older than), `since_id`
    /// (newer than, newest first), `min_id` (newer than, the oldest such first in id order),
    /// `limit` (default 20, at most 40). `Link` carries the next (older) and prev (newer) pages.
    func mastodonPage(_ posts: [VisiblePost], request: PlatformRequest, endpoint: String) -> PlatformResponse {
        let limit = min(
            Self.mastodonMaxLimit, max(1, request.query["limit"].flatMap { Int($0) } ?? Self.mastodonDefaultLimit))
        let maxID = request.query["max_id"].flatMap { Int($0) }
        let sinceID = request.query["since_id"].flatMap { Int($0) }
        let minID = request.query["min_id"].flatMap { Int($0) }
        var candidates = posts.filter { post in
            (maxID.map { post.id < $0 } ?? true) && (sinceID.map { post.id > $0 } ?? true)
                && (minID.map { post.id > $0 } ?? true)
        }
        if minID != nil {
            candidates = Array(candidates.suffix(limit))  // the oldest `limit` above min_id, still newest first
        } else {
            candidates = Array(candidates.prefix(limit))
        }
        var response = PlatformResponse.json(JSONOutput.encode(candidates.map(mastodonStatusValue)))
        if let newest = candidates.first, let oldest = candidates.last {
            response.headers.append(
                (
                    "Link",
                    "<\(endpoint)?limit=\(limit)&max_id=\(oldest.id)>; rel=\"next\", <\(endpoint)?limit=\(limit)&min_id=\(newest.id)>; rel=\"prev\""
                ))
        }
        return response
    }
}
