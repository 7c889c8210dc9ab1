import ArgumentParser
import DeskStore

struct Policy: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Review a change to routing, priorities or SLAs by its effect on real tickets.",
        subcommands: [PolicyCheckCommand.self]
    )
}

struct PolicyCheckCommand: DeskCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Replay recent tickets under the working tree's desk.yml and the one at a revision.",
        discussion: """
        Reports the tickets the proposed desk.yml would route elsewhere, prioritise differently,
        or bring into or out of breach. Always exits 0 when it could run: it informs a review.

          desk policy check                               edited desk.yml against HEAD, last 30 days
          desk policy check --against origin/main --since 2026-09-01 --format json
        """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The desk.yml to compare with: the one at this revision.", valueName: "REV"))
    var against = "HEAD"
    @Option(help: ArgumentHelp("Replay tickets created since (default: 30 days ago).", valueName: "DATE")) var since: String?
    @Option(help: "text or json (--json is the same as --format json).") var format: Format = .text

    func execute(_ context: CommandContext) throws {
        let now = Timestamp.now()
        let start: Timestamp
        if let since {
            guard let value = MomentArgument.parse(since, endOfDay: false) else {
                throw DeskError.invalidValue(field: "--since", value: since, expected: "a date like 2026-10-01")
            }
            start = value
        } else {
            start = Timestamp(seconds: now.seconds - 30 * 86_400)
        }
        let desk = try context.openDesk(proposingConfig: true)
        let check = try desk.policyCheck(against: against, since: start, at: now)
        if context.options.json || format == .json {
            context.printJSON(PolicyOutput.json(check))
        } else {
            Terminal.out(PolicyOutput(terminal: context.terminal).text(check))
        }
    }
}
