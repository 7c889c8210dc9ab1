import ArgumentParser
import DeskStore

struct Log: DeskCommand {
    static let configuration = CommandConfiguration(
        abstract: "History from commits: who changed what, when, field by field.",
        discussion: """
          desk log T-8KQ2M4XZ
          desk log --since 2026-11-01 --author alice
          desk log --limit 50 --json
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Only this ticket (id or unique prefix).") var id: String?
    @Option(help: "Only changes since this date or time (ISO 8601).") var since: String?
    @Option(help: "Only changes by this author (name or e-mail).") var author: String?
    @Option(help: "At most this many entries (default 50 for the whole desk).") var limit: Int?

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        var query = HistoryQuery()
        if let id { query.ticket = try desk.resolveTicketID(id) }
        if let since {
            guard let time = Timestamp(iso: since) else {
                throw DeskError.invalidValue(field: "--since", value: since, expected: "a date like 2026-11-01")
            }
            query.since = time
        }
        query.author = author
        query.limit = limit ?? (id == nil ? 50 : nil)
        let entries = try desk.history(query)
        if context.options.json {
            context.printJSON(entries.map(HistoryJSON.entry))
        } else if entries.isEmpty {
            Terminal.note("No history matches.")
        } else {
            Terminal.out(TicketText(terminal: context.terminal).history(entries))
        }
    }
}
