import ArgumentParser
import DeskStore

struct Edit: DeskCommand {
    static let configuration = CommandConfiguration(
        abstract: "Change ticket fields; each change is recorded in the activity.",
        discussion: """
          desk edit T-8KQ2M4XZ --set category=network/vpn --set urgency=high
          desk edit 8kq2 --set tags=vpn,laptop --set asset=LPT-0042
          desk edit 8kq2 --set group=        # an empty value clears the field

        Settable: title, priority, impact, urgency, category, requester, department,
        assignee, group, tags, links, kb, asset, channel. Status has its own commands.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket id or unique prefix.") var id: String
    @Option(name: .customLong("set"), help: ArgumentHelp("A field and its new value (repeatable).", valueName: "KEY=VALUE"))
    var assignments: [String] = []

    func validate() throws {
        guard !assignments.isEmpty else { throw ValidationError("give at least one --set KEY=VALUE") }
        for item in assignments where !item.contains("=") {
            throw ValidationError("--set \(item): expected KEY=VALUE")
        }
    }

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        let pairs = assignments.map { item -> (key: String, value: String) in
            let key = item.prefix { $0 != "=" }
            return (String(key), String(item.dropFirst(key.count + 1)))
        }
        let result = try desk.edit(id, assignments: pairs, actor: try context.actor(for: desk))
        TicketOutput.mutation(result, verb: "Edited", context: context)
    }
}
