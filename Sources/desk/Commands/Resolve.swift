import ArgumentParser
import DeskStore

struct Resolve: DeskCommand {
    static let configuration = CommandConfiguration(
        abstract: "Resolve a ticket with the resolution text.",
        discussion: """
          desk resolve T-8KQ2M4XZ --resolution "Reinstalled the VPN client; stable for an hour"
          desk resolve 8kq2 --resolution - < notes.md
          desk resolve 8kq2 --resolution "Reset the password" --kb KB-4F7Q2M
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket id or unique prefix.") var id: String
    @Option(help: ArgumentHelp("What solved it (Markdown); `-` reads it from stdin.", valueName: "TEXT|-"))
    var resolution: String
    @Option(help: "A knowledge article the resolution used (repeatable).") var kb: [String] = []

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        let result = try desk.resolve(id, resolution: try context.text(resolution), kb: kb,
                                      actor: try context.actor(for: desk))
        TicketOutput.mutation(result, verb: "Resolved", context: context)
    }
}
