import ArgumentParser
import DeskStore

struct Status: DeskCommand {
    static let configuration = CommandConfiguration(
        abstract: "Move a ticket to another status, as the workflow in desk.yml allows.",
        discussion: """
          desk status T-8KQ2M4XZ pending     # waiting for the requester
          desk status 8kq2 open
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket id or unique prefix.") var id: String
    @Argument(help: "The new status.") var status: String

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        let result = try desk.setStatus(id, to: status, actor: try context.actor(for: desk))
        TicketOutput.mutation(result, verb: "Moved", context: context)
    }
}
