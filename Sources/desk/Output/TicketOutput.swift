import DeskStore

/// The common ending of every mutating command: the ticket as JSON, or a one-line note.
enum TicketOutput {
    static func mutation(_ result: TicketResult, verb: String, context: CommandContext) {
        if context.options.json {
            context.printJSON(TicketJSON.ticket(result.ticket))
        } else if result.changed {
            if verb == "Created" {
                Terminal.out(result.ticket.id.rawValue + "\n")
                Terminal.note("Created \(result.ticket.id): \(result.ticket.title.replacingNewlines())")
            } else {
                Terminal.note("\(verb) \(result.ticket.id) (status \(result.ticket.status))")
            }
        } else {
            Terminal.note("\(result.ticket.id): nothing to change")
        }
    }
}
