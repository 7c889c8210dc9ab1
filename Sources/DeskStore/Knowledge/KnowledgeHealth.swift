import Foundation
import GRDB

/// An article that may no longer be true, and why.
public struct StaleArticle: Sendable {
    public var article: ArticleSummary
    public var reasons: [String]
}

/// `desk kb stats` over a period.
public struct KnowledgeStats: Sendable {
    public var byStatus: [String: Int]
    public var mostUsed: [ArticleSummary]
    /// Published articles no ticket cites.
    public var neverUsed: [ArticleSummary]
    /// Tickets resolved in the period, and how many of them cite an article.
    public var resolved: Int
    public var resolvedWithArticle: Int
    /// How first-line resolution was measured: `group first-line`, or `resolver` when no group has that name.
    public var firstLineBasis: String
    /// Resolved in the period by first line (by group or by its people), when groups exist.
    public var resolvedByFirstLine: Int?
    /// Tickets resolved in the period per assignee, when first line cannot be told by group.
    public var resolvedByResolver: [(String, Int)]
}

extension Desk {
    /// `desk kb stale`: articles whose citing tickets were reopened after being resolved with them,
    /// articles still cited but not updated in `staleAfterDays`, and drafts older than `draftMaxAgeDays`.
    public func staleArticles(staleAfterDays: Int, draftMaxAgeDays: Int, now: Timestamp = .now()) throws -> [StaleArticle] {
        let done = config.workflow.done
        return try withIndex { index, _ in
            let articles = try index.articles(ArticleQuery())
            let reopened = try index.queue.read { db -> [String: [String]] in
                // A ticket that has a resolution but is no longer in a done status was reopened after it.
                let placeholders = Array(repeating: "?", count: max(done.count, 1)).joined(separator: ", ")
                var map: [String: [String]] = [:]
                for row in try Row.fetchAll(db, sql: """
                    SELECT k.article, t.id FROM ticket_kb k JOIN tickets t ON t.rowid = k.ticket
                    WHERE t.resolution IS NOT NULL AND t.status NOT IN (\(placeholders)) ORDER BY t.id
                    """, arguments: StatementArguments(done.isEmpty ? [""] : done)) {
                    map[row["article"], default: []].append(row["id"])
                }
                return map
            }
            var stale: [StaleArticle] = []
            for article in articles where article.status != ArticleStatus.retired.rawValue {
                var reasons: [String] = []
                if let tickets = reopened[article.id] {
                    reasons.append("cited by \(tickets.count) ticket\(tickets.count == 1 ? "" : "s") reopened after being resolved with it: \(tickets.prefix(5).joined(separator: ", "))")
                }
                let age = (now.seconds - article.updated.seconds) / 86_400
                if article.used > 0, age > staleAfterDays {
                    reasons.append("still cited (\(article.used)×) but not updated for \(age) days")
                }
                let draftAge = (now.seconds - article.created.seconds) / 86_400
                if article.status == ArticleStatus.draft.rawValue, draftAge > draftMaxAgeDays {
                    reasons.append("a draft for \(draftAge) days")
                }
                if !reasons.isEmpty { stale.append(StaleArticle(article: article, reasons: reasons)) }
            }
            return stale
        }
    }

    /// `desk kb stats` for tickets resolved in `since..<until`.
    public func knowledgeStats(since: Timestamp?, until: Timestamp?) throws -> KnowledgeStats {
        let done = config.workflow.done
        let firstLinePeople = config.people.filter { $0.groups.contains("first-line") }.map(\.handle)
        let hasFirstLine = config.groups.contains("first-line")
        return try withIndex { index, _ in
            let articles = try index.articles(ArticleQuery())
            var byStatus: [String: Int] = [:]
            for article in articles { byStatus[article.status, default: 0] += 1 }
            let published = articles.filter { $0.status == ArticleStatus.published.rawValue }
            return try index.queue.read { db in
                var clauses = ["t.resolved IS NOT NULL", "t.error IS NULL"]
                var arguments: [DatabaseValueConvertible?] = []
                if !done.isEmpty {
                    clauses.append("t.status IN (\(Array(repeating: "?", count: done.count).joined(separator: ", ")))")
                    arguments += done
                }
                if let since { clauses.append("t.resolved >= ?"); arguments.append(since.seconds) }
                if let until { clauses.append("t.resolved < ?"); arguments.append(until.seconds) }
                let scope = clauses.joined(separator: " AND ")
                let args = StatementArguments(arguments)
                let resolved = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tickets t WHERE \(scope)", arguments: args) ?? 0
                let withArticle = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tickets t WHERE \(scope) AND t.kb IS NOT NULL",
                                                   arguments: args) ?? 0
                var firstLine: Int?
                var byResolver: [(String, Int)] = []
                if hasFirstLine {
                    let people = firstLinePeople.map { "'\($0.replacingOccurrences(of: "'", with: "''"))'" }.joined(separator: ", ")
                    let byPeople = people.isEmpty ? "" : " OR t.assignee IN (\(people))"
                    firstLine = try Int.fetchOne(db, sql: """
                        SELECT COUNT(*) FROM tickets t WHERE \(scope) AND (t.grp = 'first-line'\(byPeople))
                        """, arguments: args) ?? 0
                } else {
                    byResolver = try Row.fetchAll(db, sql: """
                        SELECT COALESCE(t.assignee, '(unassigned)') AS who, COUNT(*) AS n FROM tickets t WHERE \(scope)
                        GROUP BY who ORDER BY n DESC, who
                        """, arguments: args).map { ($0["who"], $0["n"]) }
                }
                return KnowledgeStats(
                    byStatus: byStatus,
                    mostUsed: Array(articles.filter { $0.used > 0 }.sorted { ($0.used, $1.id) > ($1.used, $0.id) }.prefix(10)),
                    neverUsed: published.filter { $0.used == 0 },
                    resolved: resolved, resolvedWithArticle: withArticle,
                    firstLineBasis: hasFirstLine ? "group first-line" : "resolver",
                    resolvedByFirstLine: firstLine, resolvedByResolver: byResolver)
            }
        }
    }
}
