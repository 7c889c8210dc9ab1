import ArgumentParser
import DeskStore

struct SLA: DeskCommand {
    static let configuration = CommandConfiguration(
        commandName: "sla",
        abstract: "Unresolved tickets past or near their SLA due times, by group and operator.",
        discussion: """
        A ticket is at risk when a running clock has used the share of its target set by
        `sla.at_risk` in desk.yml (default 80 %). Time in pending does not count.

          desk sla                       every unresolved ticket with targets, worst first
          desk sla --breached --json
          desk sla --at 2026-10-31       as it was then, recomputed from history and the desk.yml of that time
          desk sla --at v2026.10         … at a commit, branch or tag
        """
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Only tickets past a due time.") var breached = false
    @Flag(name: .customLong("at-risk"), help: "Only tickets near a due time.") var atRisk = false
    @Option(help: ArgumentHelp("Recompute the state at a past moment: a date, a time, or a commit.", valueName: "DATE|COMMIT"))
    var at: String?

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        let overview: SLAOverview
        if let at {
            if let moment = MomentArgument.parse(at, endOfDay: true) {
                overview = try desk.slaOverview(asOf: moment)
            } else {
                overview = try desk.slaOverview(revision: at)
            }
        } else {
            overview = try desk.slaOverview()
        }
        let shown = overview.items.filter { item in
            if !breached && !atRisk { return true }
            return (breached && item.standing.isBreached) || (atRisk && item.atRisk)
        }
        if context.options.json {
            context.printJSON(SLAOutput.json(overview, shown: shown))
        } else {
            Terminal.out(SLAOutput(terminal: context.terminal).text(overview, shown: shown, filtered: breached || atRisk))
        }
    }
}
