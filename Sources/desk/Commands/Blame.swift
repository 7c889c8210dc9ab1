import ArgumentParser
import DeskStore

struct Blame: DeskCommand {
    static let configuration = CommandConfiguration(
        abstract: "For each field of a ticket, the commit, author and time that last set it.",
        discussion: """
          desk blame T-8KQ2M4XZ
          desk blame 8kq2 --json
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ticket (id or unique prefix).") var id: String

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        let lines = try desk.blame(try desk.resolveTicketID(id))
        if context.options.json {
            context.printJSON(lines.map { line in
                var f = OrderedFields()
                f.add("field", line.field)
                f.add("value", line.value)
                f.add("commit", line.commit)
                f.add("at", line.at)
                f.add("author", line.author)
                f.add("action", line.action)
                f.add("subject", line.subject)
                return f
            })
        } else {
            Terminal.out(TicketText(terminal: context.terminal).blame(lines))
        }
    }
}
