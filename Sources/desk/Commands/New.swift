import ArgumentParser
import DeskStore

extension Impact: ExpressibleByArgument {}
extension Urgency: ExpressibleByArgument {}
extension Priority: ExpressibleByArgument {
    public init?(argument: String) { self.init(text: argument) }
}

struct New: DeskCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open a ticket (one commit) and print its id.",
        discussion: """
          desk new "VPN drops every 10 minutes" --requester jan --department finance --category network/vpn
          echo "Since Monday the printer on 3 jams" | desk new "Printer jams" --body - --urgency high
          desk new "Mail down for everyone" --impact organization --urgency high --json
        """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "One-line summary of the problem or request.")
    var title: String

    @Option(help: ArgumentHelp("Description (Markdown); `-` reads it from stdin.", valueName: "TEXT|-"))
    var body: String?

    @Option(help: "Who asked.") var requester: String?
    @Option(help: "The requester's department.") var department: String?
    @Option(help: "Category, e.g. network/vpn.") var category: String?
    @Option(help: "How many are affected: person, department or organization.") var impact: Impact?
    @Option(help: "How soon it is needed: low, medium or high.") var urgency: Urgency?
    @Option(help: "P1–P4; default: from impact × urgency in desk.yml.") var priority: Priority?
    @Option(help: "Operator to assign it to.") var assignee: String?
    @Option(help: "Group (line) that handles it.") var group: String?
    @Option(name: .customLong("tag"), help: "A tag (repeatable).") var tags: [String] = []
    @Option(help: "Device the ticket is about, e.g. LPT-0042.") var asset: String?
    @Option(help: "How the request came in (default: cli).") var channel: String = "cli"
    @Flag(help: "Do not look for articles that may solve it.") var noSuggest = false

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        var request = NewTicketRequest(title: title)
        request.body = try body.map(context.text) ?? ""
        request.requester = requester
        request.department = department
        request.category = category
        request.impact = impact
        request.urgency = urgency
        request.priority = priority
        request.assignee = assignee
        request.group = group
        request.tags = tags
        request.asset = asset
        request.channel = channel
        // Suggestions are looked up before the commit, while the query index is still current (after
        // it, the index would first have to take in the new ticket); a failing search never stops `new`.
        let suggestions = noSuggest ? nil
            : try? desk.suggest(text: request.title + "\n" + request.title + "\n" + request.body,
                                category: request.category, limit: 3, currentTicketsOnly: false)
        let result = try desk.createTicket(request, actor: try context.actor(for: desk))
        if context.options.json {
            var out = TicketJSON.ticket(result.ticket)
            if let suggestions { out.add("suggestions", ArticleOutput.json(suggestions)) }
            context.printJSON(out)
            return
        }
        TicketOutput.mutation(result, verb: "Created", context: context)
        if let suggestions, !suggestions.articles.isEmpty {
            Terminal.note("Articles that may solve it:")
            for hit in suggestions.articles.prefix(3) {
                let mark = hit.article.audience == Audience.internal.rawValue ? " (internal)" : ""
                Terminal.note("  \(hit.article.id)  \(hit.article.title)\(mark)")
            }
        }
    }
}
