import ArgumentParser
import DeskStore

struct Reopen: DeskCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reopen a resolved ticket.",
        discussion: """
          desk reopen T-8KQ2M4XZ --reason "Drops again since this morning"
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket id or unique prefix.") var id: String
    @Option(help: ArgumentHelp("Why (added as a comment); `-` reads it from stdin.", valueName: "TEXT|-"))
    var reason: String?

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        let result = try desk.reopen(id, reason: try reason.map(context.text), actor: try context.actor(for: desk))
        TicketOutput.mutation(result, verb: "Reopened", context: context)
    }
}
