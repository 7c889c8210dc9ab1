import ArgumentParser
import DeskStore

extension TicketQuery.SortKey: ExpressibleByArgument {}

struct List: DeskCommand {
    static let configuration = CommandConfiguration(
        abstract: "List tickets from the query index (active ones unless --status or --all).",
        discussion: """
          desk list --assignee alice
          desk list --status new --department finance --sort updated
          desk list --query "vpn drops" --limit 5 --json
        """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only this status (repeatable).") var status: [String] = []
    @Flag(help: "Include resolved and closed tickets.") var all = false
    @Option(help: "Only tickets assigned to this operator.") var assignee: String?
    @Flag(help: "Only tickets nobody is assigned to.") var unassigned = false
    @Option(help: "Only this department.") var department: String?
    @Option(help: "Only this group.") var group: String?
    @Option(help: "Only this priority (repeatable).") var priority: [Priority] = []
    @Option(help: "Only this category (and its subcategories).") var category: String?
    @Option(help: "Only tickets with this tag.") var tag: String?
    @Option(help: "Only tickets from this requester.") var requester: String?
    @Option(help: "Only tickets about this asset (LPT-0042).") var asset: String?
    @Option(help: "Only tickets that came in through this channel (monitor, email, …).") var channel: String?
    @Flag(help: "Only tickets past an SLA due time.") var breached = false
    @Flag(name: .customLong("at-risk"), help: "Only tickets near an SLA due time (see `desk sla`).") var atRisk = false
    @Option(help: "Full-text search in title, description and comments.") var query: String?
    @Option(help: "Order: priority, updated, created, status, id, title, assignee, relevance.") var sort: TicketQuery.SortKey?
    @Flag(help: "Reverse the order.") var reverse = false
    @Option(help: "At most this many tickets (default: all; 50 with --query).") var limit: Int?

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
        if unassigned, assignee != nil { throw ValidationError("--unassigned and --assignee exclude each other") }
    }

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        var request = TicketQuery()
        request.statuses = status
        request.activeOnly = !all && query == nil
        request.assignee = assignee
        request.unassigned = unassigned
        request.department = department
        request.group = group
        request.priorities = priority.map(\.rawValue)
        request.category = category
        request.tag = tag
        request.requester = requester
        request.asset = asset
        request.channel = channel
        request.text = query
        request.breached = breached
        request.atRisk = atRisk
        request.sort = sort
        request.descending = reverse
        // A search ranks by relevance: the best 50 unless asked for more.
        request.limit = limit ?? (query == nil ? nil : 50)
        let (tickets, unreadable) = try desk.listTickets(request)
        if let first = unreadable.first {
            let more = unreadable.count > 1 ? " (and \(unreadable.count - 1) more; run `desk lint`)" : ""
            Terminal.warn("skipped \(unreadable.count) unreadable ticket file\(unreadable.count == 1 ? "" : "s"): \(first.message)\(more)")
        }
        if context.options.json {
            context.printJSON(tickets.map(TicketJSON.summary))
        } else if tickets.isEmpty {
            Terminal.note("No tickets match.")
        } else {
            Terminal.out(TicketText(terminal: context.terminal).table(tickets))
        }
    }
}
