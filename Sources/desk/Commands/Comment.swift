import ArgumentParser
import DeskStore

struct Comment: DeskCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add a comment (public, or --internal for staff only).",
        discussion: """
          desk comment T-8KQ2M4XZ "Called Jan, reinstalling the VPN client"
          desk comment 8kq2 --internal "Same as last month's finance outage"
          git log -1 --format=%B | desk comment 8kq2 -
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket id or unique prefix.") var id: String
    @Argument(help: "The comment (Markdown); `-` reads it from stdin.") var text: String
    @Flag(help: "Visible to staff only, never to the requester.") var `internal` = false

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        let result = try desk.comment(id, text: try context.text(text), internal: `internal`,
                                      actor: try context.actor(for: desk))
        TicketOutput.mutation(result, verb: "Commented on", context: context)
    }
}
