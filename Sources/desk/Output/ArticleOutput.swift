import DeskStore
import Foundation

/// JSON and text for knowledge articles and suggestions.
enum ArticleOutput {
    /// `desk kb show --json` (and every kb command that changes an article): every front matter
    /// field, `body`, `path`, and `used` / `cited_by` when known.
    static func json(_ article: Article, used: Int? = nil, citedBy: [String]? = nil) -> OrderedFields {
        var f = OrderedFields()
        f.add("id", article.id.rawValue)
        f.add("title", article.title)
        f.add("status", article.status.rawValue)
        f.add("audience", article.audience.rawValue)
        f.add("tags", article.tags)
        f.add("category", article.category)
        f.add("created", article.created)
        f.add("updated", article.updated)
        f.add("owner", article.owner)
        f.add("source", article.source)
        for field in article.extra { f.add(field.key, field.value) }
        f.add("body", article.body)
        f.add("path", article.id.path)
        if let used { f.add("used", used) }
        if let citedBy { f.add("cited_by", citedBy) }
        return f
    }

    /// `desk kb list --json`: like show, without the body.
    static func json(_ summary: ArticleSummary) -> OrderedFields {
        var f = OrderedFields()
        f.add("id", summary.id)
        f.add("title", summary.title)
        f.add("status", summary.status)
        f.add("audience", summary.audience)
        f.add("tags", summary.tags)
        f.add("category", summary.category)
        f.add("created", summary.created)
        f.add("updated", summary.updated)
        f.add("owner", summary.owner)
        f.add("source", summary.source)
        f.add("path", summary.path)
        f.add("used", summary.used)
        return f
    }

    static func json(_ hit: ArticleHit) -> OrderedFields {
        var f = json(hit.article)
        f.add("score", String(format: "%.2f", hit.score))
        f.add("snippet", hit.snippet)
        return f
    }

    static func json(_ hit: TicketHit) -> OrderedFields {
        var f = OrderedFields()
        f.add("id", hit.id)
        f.add("title", hit.title)
        f.add("status", hit.status)
        f.add("resolution", hit.resolution)
        f.add("score", String(format: "%.2f", hit.score))
        f.add("snippet", hit.snippet)
        return f
    }

    static func json(_ suggestions: Suggestions) -> OrderedFields {
        var f = OrderedFields()
        f.add("articles", suggestions.articles.map(json))
        f.add("tickets", suggestions.tickets.map(json))
        return f
    }

    // MARK: Text

    static func show(_ details: ArticleDetails, terminal: Terminal) -> String {
        let a = details.article
        var out = terminal.bold("\(a.id)  \(a.title)") + "\n"
        out += "status \(a.status.rawValue) · \(a.audience.rawValue) · used by \(details.used) ticket\(details.used == 1 ? "" : "s")\n"
        if let category = a.category { out += "category  \(category)\n" }
        if !a.tags.isEmpty { out += "tags      \(a.tags.joined(separator: ", "))\n" }
        if let owner = a.owner { out += "owner     \(owner)\n" }
        out += "created   \(a.created.display)   updated \(a.updated.display)\n"
        if !a.source.isEmpty { out += "from      \(a.source.joined(separator: ", "))\n" }
        out += "\n" + a.body
        if !a.body.isEmpty, !a.body.hasSuffix("\n") { out += "\n" }
        if !details.citedBy.isEmpty {
            out += "\n" + terminal.bold("Cited by") + "\n"
            for ticket in details.citedBy.prefix(20) { out += "  \(ticket.id)  \(ticket.status)  \(ticket.title)\n" }
            if details.citedBy.count > 20 { out += "  … and \(details.citedBy.count - 20) more\n" }
        }
        return out
    }

    static func table(_ articles: [ArticleSummary], terminal: Terminal) -> String {
        guard !articles.isEmpty else { return "" }
        return articles.map { a in
            let flags = a.audience == Audience.internal.rawValue ? " (internal)" : ""
            return "\(a.id)  \(a.status.padding(toLength: 9, withPad: " ", startingAt: 0))  used \(String(a.used).padding(toLength: 4, withPad: " ", startingAt: 0))  \(a.title)\(flags)\n"
        }.joined()
    }

    static func hits(_ hits: [ArticleHit], terminal: Terminal) -> String {
        hits.map { hit in
            let internalNote = hit.article.audience == Audience.internal.rawValue ? "  (internal)" : ""
            return "\(hit.article.id)  \(String(format: "%5.2f", hit.score))  \(hit.article.title)\(internalNote)\n"
                + "    " + terminal.dim(hit.snippet) + "\n"
        }.joined()
    }

    static func suggestions(_ s: Suggestions, terminal: Terminal) -> String {
        var out = ""
        if !s.articles.isEmpty {
            out += terminal.bold("Articles") + "\n" + hits(s.articles, terminal: terminal)
        }
        if !s.tickets.isEmpty {
            out += terminal.bold("Resolved tickets like it") + "\n"
            for t in s.tickets {
                out += "\(t.id)  \(String(format: "%5.2f", t.score))  \(t.title)\n"
                if let resolution = t.resolution {
                    let line = resolution.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
                    out += "    resolved: " + terminal.dim(String(line.prefix(120))) + "\n"
                }
            }
        }
        return out
    }
}
