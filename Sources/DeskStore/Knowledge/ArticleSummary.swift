/// An article as the index holds it, with how many tickets cite it.
public struct ArticleSummary: Sendable, Equatable {
    public var id: String
    public var path: String
    public var title: String
    public var status: String
    public var audience: String
    public var tags: [String]
    public var category: String?
    public var created: Timestamp
    public var updated: Timestamp
    public var owner: String?
    public var source: [String]
    /// Tickets whose `kb:` cites the article (computed from the index, never stored).
    public var used: Int
}

/// An article suggested for a ticket or a search: how well it matched and the words that did.
public struct ArticleHit: Sendable {
    public var article: ArticleSummary
    public var score: Double
    /// One line of the article with the matching words in [brackets].
    public var snippet: String
}

/// A resolved ticket like the one at hand, with how it was solved.
public struct TicketHit: Sendable {
    public var id: String
    public var title: String
    public var status: String
    public var resolution: String?
    public var score: Double
    public var snippet: String
}

/// What `desk suggest` returns.
public struct Suggestions: Sendable {
    public var articles: [ArticleHit]
    public var tickets: [TicketHit]
}

/// `desk kb list` filters and order.
public struct ArticleQuery: Sendable {
    public enum SortKey: String, CaseIterable, Sendable {
        case used, updated, title
    }

    public var statuses: [ArticleStatus] = []
    public var tag: String?
    public var category: String?
    public var sort: SortKey = .updated
    public var limit: Int?

    public init() {}
}
