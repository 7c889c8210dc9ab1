import ArgumentParser
import DeskStore

struct Show: DeskCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a ticket: fields, description and activity.",
        discussion: """
          desk show T-8KQ2M4XZ
          desk show 8kq2            # any unique prefix, any case
          desk show T-8KQ2 --json | jq .activity
        """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Ticket id or unique prefix.") var id: String

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        let ticket = try desk.ticket(try desk.resolveTicketID(id))
        if context.options.json {
            context.printJSON(TicketJSON.ticket(ticket))
        } else {
            Terminal.out(TicketText(terminal: context.terminal).show(ticket))
        }
    }
}
