import ArgumentParser
import DeskStore

struct Status: DeskCommand {
    static let configuration = CommandConfiguration(
        abstract: "Move a ticket to another status, as the workflow in desk.yml allows; or, with --sync, where this desk stands against its remotes.",
        discussion: """
          desk status T-8KQ2M4XZ pending     # waiting for the requester
          desk status 8kq2 open
          desk status --sync                 # commits to push and to merge, as of the last sync (no network)
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket id or unique prefix.") var id: String?
    @Argument(help: "The new status.") var status: String?
    @Flag(help: "Show commits ahead of and behind each remote instead (no network).") var sync = false

    func validate() throws {
        if sync {
            guard id == nil else { throw ValidationError("--sync takes no ticket") }
        } else if id == nil || status == nil {
            throw ValidationError("give a ticket and the new status (desk status ID STATUS), or --sync")
        }
    }

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        guard let id, let status, !sync else {
            let standing = try desk.syncStanding()
            if context.options.json {
                var out = OrderedFields()
                out.add("branch", standing.branch)
                out.add("remotes", standing.remotes.map(SyncOutput.standing))
                context.printJSON(out)
            } else {
                SyncOutput.printStanding(branch: standing.branch, standing.remotes, terminal: context.terminal)
            }
            return
        }
        let result = try desk.setStatus(id, to: status, actor: try context.actor(for: desk))
        TicketOutput.mutation(result, verb: "Moved", context: context)
    }
}
