import ArgumentParser
import DeskStore

extension ReportDimension: ExpressibleByArgument {}

struct Report: DeskCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    static let configuration = CommandConfiguration(
        abstract: "Volumes, response and resolution times, SLA compliance and backlog for a period.",
        discussion: """
        Times are medians in business hours on each ticket's SLA calendar (wall-clock hours when
        the desk sets no SLA); time in pending does not count toward resolution. Below the table,
        the categories that keep coming back from each department.

          desk report                                    the last 30 days, by department
          desk report --since 2026-10-01 --until 2026-10-31 --by category
          desk report --by operator --format csv > october.csv
        """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Start of the period (default: 30 days before --until).", valueName: "DATE"))
    var since: String?
    @Option(help: ArgumentHelp("End of the period, included (default: now).", valueName: "DATE")) var until: String?
    @Option(help: "Group by department, category, operator or group.") var by: ReportDimension = .department
    @Option(help: "table, json or csv (--json is the same as --format json).") var format: Format = .table

    func execute(_ context: CommandContext) throws {
        let end = try until.map { try moment($0, endOfDay: true, option: "--until") } ?? .now()
        let start = try since.map { try moment($0, endOfDay: false, option: "--since") } ?? Timestamp(seconds: end.seconds - 30 * 86_400)
        guard start < end else { throw DeskError.invalidInput("--since (\(start)) must be before --until (\(end))") }
        let desk = try context.openDesk()
        let report = try desk.report(since: start, until: Timestamp(seconds: end.seconds + 1), by: by)
        switch context.options.json ? .json : format {
        case .json: context.printJSON(ReportOutput.json(report))
        case .csv: Terminal.out(ReportOutput.csv(report))
        case .table: Terminal.out(ReportOutput(terminal: context.terminal).table(report))
        }
    }

    private func moment(_ text: String, endOfDay: Bool, option: String) throws -> Timestamp {
        guard let value = MomentArgument.parse(text, endOfDay: endOfDay) else {
            throw DeskError.invalidValue(field: option, value: text, expected: "a date like 2026-10-31 or a time like 2026-10-31T17:00:00Z")
        }
        return value
    }
}
