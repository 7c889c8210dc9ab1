import Foundation

/// An article with what the index knows about its use.
public struct ArticleDetails: Sendable {
    public var article: Article
    public var used: Int
    public var citedBy: [(id: String, title: String, status: String)]
}

extension Desk {
    /// `desk kb list`.
    public func listArticles(_ query: ArticleQuery) throws -> [ArticleSummary] {
        try withIndex { index, _ in try index.articles(query) }
    }

    /// `desk kb show`: the article at HEAD, how often it was cited and by which tickets.
    public func articleDetails(_ input: String) throws -> ArticleDetails {
        let id = try resolveArticleID(input)
        let article = try self.article(id)
        let (used, cited) = try withIndex { index, _ in
            (try index.articleSummary(id.rawValue)?.used ?? 0, try index.citingTickets(id.rawValue))
        }
        return ArticleDetails(article: article, used: used, citedBy: cited)
    }

    /// `desk kb search`: published articles ranked for the text (`all`: drafts and retired too).
    public func searchArticles(_ text: String, all: Bool = false, limit: Int = 10) throws -> [ArticleHit] {
        let terms = SearchTerms(text)
        return try withIndex { index, _ in
            try index.rankArticles(terms, category: nil, statuses: all ? ArticleStatus.allCases : [.published], limit: limit)
        }
    }

    /// `desk suggest ID`: published articles and resolved tickets for a ticket's title and description.
    public func suggest(ticket input: String, limit: Int = 5) throws -> Suggestions {
        let id = try resolveTicketID(input)
        // The ticket's words come from the index (title, description and comments), already read.
        let indexed = try withIndex { index, _ in try index.ticketText(id.rawValue) }
        guard let (title, text, category) = indexed else {
            let ticket = try self.ticket(id)
            return try suggest(text: ticket.title + "\n" + ticket.title + "\n" + ticket.body, category: ticket.category,
                               excluding: id.rawValue, limit: limit)
        }
        return try suggest(text: title + "\n" + title + "\n" + text, category: category, excluding: id.rawValue, limit: limit)
    }

    /// `desk suggest --text`, and what `desk new` shows. `currentTicketsOnly`: false lets the
    /// similar tickets come from an index a few commits behind (see `QueryIndex.refreshArticles`).
    public func suggest(text: String, category: String? = nil, excluding: String? = nil, limit: Int = 5,
                        currentTicketsOnly: Bool = true) throws -> Suggestions {
        let terms = SearchTerms(text)
        guard !terms.isEmpty else { return Suggestions(articles: [], tickets: []) }
        return try withIndex(articlesOnly: !currentTicketsOnly) { index, _ in
            Suggestions(
                articles: try index.rankArticles(terms, category: category, statuses: [.published], limit: limit),
                tickets: try index.similarResolvedTickets(terms, excluding: excluding, doneStatuses: config.workflow.done,
                                                         limit: min(limit, 3)))
        }
    }
}
