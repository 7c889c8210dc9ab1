import ArgumentParser
import DeskStore

struct Suggest: DeskCommand {
    static let configuration = CommandConfiguration(
        abstract: "Articles and resolved tickets that may solve a ticket, best first, with why they matched.",
        discussion: """
          desk suggest T-8KQ2M4XZ
          desk suggest --text "wachtwoord verlopen, kan niet inloggen" --json
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket id or unique prefix.") var id: String?
    @Option(help: "Suggest for this text instead of a ticket.") var text: String?
    @Option(help: "Category of the text (articles in it rank higher).") var category: String?
    @Option(help: "At most this many articles (default 5).") var limit: Int = 5

    func validate() throws {
        guard (id == nil) != (text == nil) else { throw ValidationError("give a ticket id or --text, not both") }
    }

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        let suggestions = try id.map { try desk.suggest(ticket: $0, limit: max(1, limit)) }
            ?? desk.suggest(text: text ?? "", category: category, limit: max(1, limit))
        if context.options.json {
            context.printJSON(ArticleOutput.json(suggestions))
        } else if suggestions.articles.isEmpty, suggestions.tickets.isEmpty {
            Terminal.note("Nothing to suggest.")
        } else {
            Terminal.out(ArticleOutput.suggestions(suggestions, terminal: context.terminal))
        }
    }
}
