/// The Parler-style JSON API: sequential, enumerable post ids (`/api/post/{id}`) and paginated
/// per-user listings (`/api/user/{handle}/posts?page=N`).
extension PlatformSite {
    struct APIMedia: Encodable, Sendable {
        let url: String
        let transcodedURL: String
        /// `image` or `video`.
        let type: String
        let mimeType: String

        enum CodingKeys: String, CodingKey {
            case url, type
            case transcodedURL = "transcoded_url"
            case mimeType = "mime_type"
        }
    }

    struct APIPost: Encodable, Sendable {
        let id: Int
        let author: String
        let authorName: String
        let authorURL: String
        let createdAt: String
        let editedAt: JSONNullable<String>
        let lang: String
        let body: String
        let hashtags: [String]
        let mentions: [String]
        let replyTo: JSONNullable<Int>
        let repostOf: JSONNullable<Int>
        let url: String
        let media: [APIMedia]

        enum CodingKeys: String, CodingKey {
            case id, author, lang, body, hashtags, mentions, url, media
            case authorName = "author_name"
            case authorURL = "author_url"
            case createdAt = "created_at"
            case editedAt = "edited_at"
            case replyTo = "reply_to"
            case repostOf = "repost_of"
        }
    }

    struct APIRemoved: Encodable, Sendable {
        let id: Int
        let removed: Bool
        let deletedAt: String

        enum CodingKeys: String, CodingKey {
            case id, removed
            case deletedAt = "deleted_at"
        }
    }

    struct APIUser: Encodable, Sendable {
        let id: Int
        let handle: String
        let displayName: String
        let bio: String
        let createdAt: String
        let url: String
        let postsCount: Int
        let postsURL: String

        enum CodingKeys: String, CodingKey {
            case id, handle, bio, url
            case displayName = "display_name"
            case createdAt = "created_at"
            case postsCount = "posts_count"
            case postsURL = "posts_url"
        }
    }

    struct APISuspended: Encodable, Sendable {
        let handle: String
        let suspended: Bool
        let suspendedAt: String

        enum CodingKeys: String, CodingKey {
            case handle, suspended
            case suspendedAt = "suspended_at"
        }
    }

    struct APIUserPosts: Encodable, Sendable {
        let handle: String
        let page: Int
        let perPage: Int
        let pages: Int
        let total: Int
        let posts: [APIPost]
        let next: JSONNullable<String>
        let prev: JSONNullable<String>

        enum CodingKeys: String, CodingKey {
            case handle, page, pages, total, posts, next, prev
            case perPage = "per_page"
        }
    }

    func apiError(_ message: String, status: Int) -> PlatformResponse {
        .json(JSONOutput.encode(["error": message]), status: status)
    }

    func apiPost(_ id: Int) -> PlatformResponse {
        switch view.state(ofPost: id, allPosts: catalog.posts) {
        case .visible(let post):
            var response = PlatformResponse.json(JSONOutput.encode(apiPostValue(post)))
            response.headers.append(("Last-Modified", Timestamp(iso8601: post.modifiedAt)?.http ?? ""))
            return response
        case .removed(let id, let deletedAt):
            return .json(JSONOutput.encode(APIRemoved(id: id, removed: true, deletedAt: deletedAt)), status: 410)
        case .authorSuspended, .hidden, .missing:
            return apiError("not found", status: 404)
        }
    }

    func apiPostValue(_ post: VisiblePost) -> APIPost {
        APIPost(
            id: post.id, author: post.author.handle, authorName: post.author.displayName,
            authorURL: urls.profile(post.author.handle), createdAt: post.post.createdAt,
            editedAt: JSONNullable(post.editedAt),
            lang: post.post.lang, body: post.body, hashtags: post.hashtags, mentions: post.mentions,
            replyTo: JSONNullable(post.post.replyTo), repostOf: JSONNullable(post.post.repostOf),
            url: urls.post(post.author.handle, post.id),
            media: post.post.media.compactMap { catalog.media[$0] }.map {
                APIMedia(
                    url: urls.original($0.name), transcodedURL: urls.transcoded($0.name), type: $0.entry.type,
                    mimeType: $0.entry.mimeType)
            })
    }

    func apiUser(_ handle: String) -> PlatformResponse {
        switch view.account(handle: handle) {
        case .missing:
            return apiError("not found", status: 404)
        case .suspended(_, let at):
            return .json(JSONOutput.encode(APISuspended(handle: handle, suspended: true, suspendedAt: at)), status: 410)
        case .active(let user):
            let value = APIUser(
                id: user.id, handle: user.handle, displayName: user.displayName, bio: user.bio,
                createdAt: user.createdAt,
                url: urls.profile(handle), postsCount: view.postsByAuthor[handle]?.count ?? 0,
                postsURL: urls.apiUserPosts(handle, page: 1))
            return .json(JSONOutput.encode(value))
        }
    }

    func apiUserPosts(_ handle: String, _ request: PlatformRequest) -> PlatformResponse {
        switch view.account(handle: handle) {
        case .missing:
            return apiError("not found", status: 404)
        case .suspended(_, let at):
            return .json(JSONOutput.encode(APISuspended(handle: handle, suspended: true, suspendedAt: at)), status: 410)
        case .active:
            guard let number = request.positiveInteger("page", fallback: 1) else {
                return apiError("page must be a positive integer", status: 400)
            }
            let all = view.postsByAuthor[handle] ?? []
            let pages = Self.pageCount(all.count, size: Self.apiPageSize)
            // Past the last page: an empty list with no next link, as paginated APIs do.
            let slice = Self.page(all, number: number, size: Self.apiPageSize) ?? []
            let value = APIUserPosts(
                handle: handle, page: number, perPage: Self.apiPageSize, pages: pages, total: all.count,
                posts: slice.map(apiPostValue),
                next: JSONNullable(number < pages ? urls.apiUserPosts(handle, page: number + 1) : nil),
                prev: JSONNullable(number > 1 ? urls.apiUserPosts(handle, page: min(number - 1, pages)) : nil))
            var response = PlatformResponse.json(JSONOutput.encode(value))
            if number < pages {
                response.headers.append(("Link", "<\(urls.apiUserPosts(handle, page: number + 1))>; rel=\"next\""))
            }
            return response
        }
    }
}
