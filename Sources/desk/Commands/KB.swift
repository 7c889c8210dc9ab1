import ArgumentParser
import DeskStore
import Foundation

extension ArticleQuery.SortKey: ExpressibleByArgument {}
extension ArticleStatus: ExpressibleByArgument {}
extension Audience: ExpressibleByArgument {}

struct KB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kb",
        abstract: "The knowledge base: articles first line can find and use.",
        discussion: """
          desk kb new "Reset a forgotten password" --body - --tag password --category accounts
          desk kb publish KB-4F7Q2M
          desk kb search "wachtwoord vergeten"
        """,
        subcommands: [KBNew.self, KBShow.self, KBList.self, KBEdit.self, KBPublish.self, KBRetire.self,
                      KBSearch.self, KBLink.self, KBStale.self, KBStats.self]
    )
}

/// The common ending of commands that change an article.
private func articleMutation(_ result: ArticleResult, verb: String, context: CommandContext) {
    if context.options.json {
        context.printJSON(ArticleOutput.json(result.article))
    } else if result.changed {
        if verb == "Created" { Terminal.out(result.article.id.rawValue + "\n") }
        Terminal.note("\(verb) \(result.article.id): \(result.article.title.replacingNewlines()) (\(result.article.status.rawValue))")
    } else {
        Terminal.note("\(result.article.id): nothing to change")
    }
}

struct KBNew: DeskCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Write a new article (a draft until published).",
        discussion: """
          desk kb new "VPN drops every few minutes" --body - --tag vpn --category network/vpn < vpn.md
          desk kb new "Printer prints blank pages" --body "1. Check the toner…" --audience public
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The article's title.") var title: String
    @Option(help: ArgumentHelp("The solution (Markdown); `-` reads it from stdin.", valueName: "TEXT|-")) var body: String?
    @Option(name: .customLong("tag"), help: "A tag (repeatable).") var tags: [String] = []
    @Option(help: "Category, e.g. network/vpn.") var category: String?
    @Option(help: "internal (default) or public (shown to requesters).") var audience: Audience = .internal
    @Option(help: "Who keeps it true (default: you).") var owner: String?

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        var request = NewArticleRequest(title: title)
        request.body = try body.map(context.text) ?? ""
        request.tags = tags
        request.category = category
        request.audience = audience
        request.owner = owner
        articleMutation(try desk.createArticle(request, actor: try context.actor(for: desk)), verb: "Created", context: context)
    }
}

struct KBShow: DeskCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show an article, how often it was used and by which tickets.",
        discussion: "  desk kb show KB-4F7Q2M\n  desk kb show 4f7 --json")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Article id or unique prefix.") var id: String

    func execute(_ context: CommandContext) throws {
        let details = try context.openDesk().articleDetails(id)
        if context.options.json {
            context.printJSON(ArticleOutput.json(details.article, used: details.used, citedBy: details.citedBy.map(\.id)))
        } else {
            Terminal.out(ArticleOutput.show(details, terminal: context.terminal))
        }
    }
}

struct KBList: DeskCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List articles.",
        discussion: "  desk kb list --status published --sort used\n  desk kb list --tag vpn --json")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this status (repeatable): draft, published, retired.") var status: [ArticleStatus] = []
    @Option(help: "Only articles with this tag.") var tag: String?
    @Option(help: "Only this category (and its subcategories).") var category: String?
    @Option(help: "Order: used, updated (default) or title.") var sort: ArticleQuery.SortKey = .updated
    @Option(help: "At most this many.") var limit: Int?

    func execute(_ context: CommandContext) throws {
        var query = ArticleQuery()
        query.statuses = status
        query.tag = tag
        query.category = category
        query.sort = sort
        query.limit = limit
        let articles = try context.openDesk().listArticles(query)
        if context.options.json {
            context.printJSON(articles.map { ArticleOutput.json($0) })
        } else if articles.isEmpty {
            Terminal.note("No articles match.")
        } else {
            Terminal.out(ArticleOutput.table(articles, terminal: context.terminal))
        }
    }
}

struct KBEdit: DeskCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Change fields of an article.",
        discussion: "  desk kb edit KB-4F7Q2M --set tags=vpn,remote --set audience=public\n  desk kb edit 4f7 --set body=- < new.md")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Article id or unique prefix.") var id: String
    @Option(name: .customLong("set"), help: ArgumentHelp("KEY=VALUE: title, tags, category, audience, owner, body (`body=-` reads stdin).", valueName: "KEY=VALUE"))
    var assignments: [String] = []

    func execute(_ context: CommandContext) throws {
        let pairs = try context.assignments(assignments, textKey: "body")
        let desk = try context.openDesk()
        articleMutation(try desk.editArticle(id, assignments: pairs, actor: try context.actor(for: desk)), verb: "Edited", context: context)
    }
}

struct KBPublish: DeskCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish", abstract: "Publish an article: it is suggested from now on.", discussion: "  desk kb publish KB-4F7Q2M")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Article id or unique prefix.") var id: String

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        articleMutation(try desk.publishArticle(id, actor: try context.actor(for: desk)), verb: "Published", context: context)
    }
}

struct KBRetire: DeskCommand {
    static let configuration = CommandConfiguration(
        commandName: "retire", abstract: "Retire an article: kept, never suggested again.", discussion: "  desk kb retire KB-4F7Q2M")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Article id or unique prefix.") var id: String

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        articleMutation(try desk.retireArticle(id, actor: try context.actor(for: desk)), verb: "Retired", context: context)
    }
}

struct KBSearch: DeskCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Search published articles, best first.",
        discussion: "  desk kb search \"vpn drops\"\n  desk kb search wachtwoord --all --json")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Words to look for (any language the desk writes).") var query: String
    @Flag(help: "Include drafts and retired articles.") var all = false
    @Option(help: "At most this many (default 10).") var limit: Int = 10

    func execute(_ context: CommandContext) throws {
        let hits = try context.openDesk().searchArticles(query, all: all, limit: max(1, limit))
        if context.options.json {
            context.printJSON(hits.map { ArticleOutput.json($0) })
        } else if hits.isEmpty {
            Terminal.note("No articles match.")
        } else {
            Terminal.out(ArticleOutput.hits(hits, terminal: context.terminal))
        }
    }
}

struct KBLink: DeskCommand {
    static let configuration = CommandConfiguration(
        commandName: "link", abstract: "Cite an article on a ticket without resolving it.",
        discussion: "  desk kb link T-8KQ2M4XZ KB-4F7Q2M")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket id or unique prefix.") var ticket: String
    @Argument(help: "Article id or unique prefix.") var article: String

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        TicketOutput.mutation(try desk.linkArticle(ticket: ticket, article: article, actor: try context.actor(for: desk)),
                              verb: "Linked", context: context)
    }
}

struct KBStale: DeskCommand {
    static let configuration = CommandConfiguration(
        commandName: "stale", abstract: "Articles that may no longer be true, each with the reason.",
        discussion: "  desk kb stale\n  desk kb stale --older-than 180 --draft-age 14 --json")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Cited articles not updated for this many days (default 365).") var olderThan: Int = 365
    @Option(help: "Drafts older than this many days (default 30).") var draftAge: Int = 30

    func execute(_ context: CommandContext) throws {
        let stale = try context.openDesk().staleArticles(staleAfterDays: olderThan, draftMaxAgeDays: draftAge)
        if context.options.json {
            context.printJSON(stale.map { item in
                var f = ArticleOutput.json(item.article)
                f.add("reasons", item.reasons)
                return f
            })
        } else if stale.isEmpty {
            Terminal.note("No stale articles.")
        } else {
            Terminal.out(stale.map { "\($0.article.id)  \($0.article.title)\n" + $0.reasons.map { "    - \($0)\n" }.joined() }.joined())
        }
    }
}

struct KBStats: DeskCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "How the knowledge base is used, and the first-line resolution rate.",
        discussion: "  desk kb stats\n  desk kb stats --since 2026-10-01 --until 2026-11-01 --json")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Tickets resolved at or after this date.") var since: String?
    @Option(help: "Tickets resolved before this date.") var until: String?

    func execute(_ context: CommandContext) throws {
        func time(_ text: String?, _ flag: String) throws -> Timestamp? {
            guard let text else { return nil }
            guard let value = Timestamp(iso: text) else {
                throw DeskError.invalidValue(field: flag, value: text, expected: "a date like 2026-11-01")
            }
            return value
        }
        let stats = try context.openDesk().knowledgeStats(since: try time(since, "--since"), until: try time(until, "--until"))
        let rate = stats.resolved == 0 ? 0 : Double(stats.resolvedWithArticle) / Double(stats.resolved)
        let firstRate = stats.resolvedByFirstLine.map { stats.resolved == 0 ? 0 : Double($0) / Double(stats.resolved) }
        if context.options.json {
            var f = OrderedFields()
            var statuses = OrderedFields()
            for status in ArticleStatus.allCases { statuses.add(status.rawValue, stats.byStatus[status.rawValue] ?? 0) }
            f.add("articles", statuses)
            f.add("most_used", stats.mostUsed.map { ArticleOutput.json($0) })
            f.add("never_used", stats.neverUsed.map(\.id))
            f.add("resolved", stats.resolved)
            f.add("resolved_with_article", stats.resolvedWithArticle)
            f.add("resolved_with_article_rate", String(format: "%.3f", rate))
            f.add("first_line_basis", stats.firstLineBasis)
            f.add("resolved_by_first_line", stats.resolvedByFirstLine.map(String.init))
            f.add("first_line_resolution_rate", firstRate.map { String(format: "%.3f", $0) })
            f.add("resolved_by_resolver", stats.resolvedByResolver.map { who, n in
                var r = OrderedFields()
                r.add("resolver", who)
                r.add("resolved", n)
                return r
            })
            context.printJSON(f)
            return
        }
        var out = "Articles: " + ArticleStatus.allCases.map { "\(stats.byStatus[$0.rawValue] ?? 0) \($0.rawValue)" }.joined(separator: ", ") + "\n"
        out += "Resolved tickets: \(stats.resolved), citing an article: \(stats.resolvedWithArticle) (\(String(format: "%.0f", rate * 100)) %)\n"
        if let firstLine = stats.resolvedByFirstLine, let firstRate {
            out += "Resolved by first line: \(firstLine) (\(String(format: "%.0f", firstRate * 100)) %)\n"
        } else if !stats.resolvedByResolver.isEmpty {
            out += "Resolved by (no first-line group in desk.yml):\n"
            for (who, n) in stats.resolvedByResolver.prefix(10) { out += "  \(who)  \(n)\n" }
        }
        if !stats.mostUsed.isEmpty {
            out += "Most used:\n" + stats.mostUsed.map { "  \($0.id)  \($0.used)×  \($0.title)\n" }.joined()
        }
        if !stats.neverUsed.isEmpty {
            out += "Published, never cited: " + stats.neverUsed.map(\.id).joined(separator: ", ") + "\n"
        }
        Terminal.out(out)
    }
}
