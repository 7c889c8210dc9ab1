import ArgumentParser
import DeskStore

struct Assign: DeskCommand {
    static let configuration = CommandConfiguration(
        abstract: "Assign a ticket to an operator (a new ticket becomes open).",
        discussion: """
          desk assign T-8KQ2M4XZ alice
          desk assign 8kq2 bob --json
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket id or unique prefix.") var id: String
    @Argument(help: "The operator.") var operatorName: String

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        let result = try desk.assign(id, to: operatorName, actor: try context.actor(for: desk))
        TicketOutput.mutation(result, verb: "Assigned", context: context)
    }
}
