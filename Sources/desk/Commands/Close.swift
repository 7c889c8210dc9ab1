import ArgumentParser
import DeskStore

struct Close: DeskCommand {
    static let configuration = CommandConfiguration(
        abstract: "Close a resolved ticket.",
        discussion: """
          desk close T-8KQ2M4XZ
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket id or unique prefix.") var id: String

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        let result = try desk.close(id, actor: try context.actor(for: desk))
        TicketOutput.mutation(result, verb: "Closed", context: context)
    }
}
