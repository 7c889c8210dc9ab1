import ArgumentParser
import DeskStore

struct Escalate: DeskCommand {
    static let configuration = CommandConfiguration(
        abstract: "Move a ticket to another group (first line → second line → third line).",
        discussion: """
        The move is recorded in the ticket's activity. The assignee stays only if they belong to
        the new group; otherwise the ticket waits there unassigned.

          desk escalate T-8KQ2M4XZ --to second-line --reason "Needs a firewall change"
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket id or unique prefix.") var id: String
    @Option(help: "The group that takes the ticket over.") var to: String
    @Option(help: ArgumentHelp("Why (kept in the activity); `-` reads it from stdin.", valueName: "TEXT|-"))
    var reason: String?

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        let result = try desk.escalate(id, to: to, reason: try reason.map(context.text), actor: try context.actor(for: desk))
        TicketOutput.mutation(result, verb: "Escalated", context: context)
    }
}
