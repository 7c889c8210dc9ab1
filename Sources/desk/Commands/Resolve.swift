import ArgumentParser
import DeskStore

struct Resolve: DeskCommand {
    static let configuration = CommandConfiguration(
        abstract: "Resolve a ticket with the resolution text.",
        discussion: """
          desk resolve T-8KQ2M4XZ --resolution "Reinstalled the VPN client; stable for an hour"
          desk resolve 8kq2 --resolution - < notes.md
          desk resolve 8kq2 --resolution "Reset the password" --kb KB-4F7Q2M
          desk resolve 8kq2 --resolution "Cleared the Outlook search index" --publish
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket id or unique prefix.") var id: String
    @Option(help: ArgumentHelp("What solved it (Markdown); `-` reads it from stdin.", valueName: "TEXT|-"))
    var resolution: String
    @Option(help: "A knowledge article the resolution used (repeatable).") var kb: [String] = []
    @Flag(help: "Also write a draft article from the title and resolution, cited by the ticket.") var publish = false

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        let result = try desk.resolve(id, resolution: try context.text(resolution), kb: kb, publish: publish,
                                      actor: try context.actor(for: desk))
        if publish, !context.options.json, let article = result.ticket.kb.last {
            Terminal.note("Wrote draft article \(article) from the resolution; review it and `desk kb publish \(article)`")
        }
        TicketOutput.mutation(result, verb: "Resolved", context: context)
    }
}
