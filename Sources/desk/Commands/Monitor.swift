import ArgumentParser
import DeskStore
import Foundation

struct MonitorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Device telemetry: ingest samples, scan for degradations and open tickets before users call.",
        subcommands: [MonitorIngest.self, MonitorScan.self, MonitorShow.self]
    )
}

struct MonitorIngest: DeskCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest", abstract: "Store telemetry samples (CSV or JSON Lines) under .git/desk/; never committed.",
        discussion: """
          Each sample is `device, time, metric, value`: CSV with a header line, or one JSON object a line.
          Metrics: \(TelemetryMetric.allCases.map(\.rawValue).joined(separator: ", ")).
          Bad rows (unknown device, bad number or time, a sample stored before) are reported with their
          line and skipped; the rest is stored. Exit 1 when any row was refused.

          desk monitor ingest telemetry/2026-11-23.csv
          collect-telemetry | desk monitor ingest -
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("Files to read; `-` reads standard input.", valueName: "FILE|-")) var files: [String]

    func execute(_ context: CommandContext) throws {
        guard !files.isEmpty else { throw DeskError.invalidInput("name at least one file, or `-` for standard input") }
        let inputs = try files.map { file -> TelemetryInput in
            if file == "-" { return TelemetryInput(source: "-", bytes: [UInt8](FileHandle.standardInput.readDataToEndOfFile())) }
            guard let data = FileManager.default.contents(atPath: file) else {
                throw DeskError.io(path: file, detail: "cannot be read")
            }
            return TelemetryInput(source: file, bytes: [UInt8](data))
        }
        let desk = try context.openDesk()
        let report = try desk.ingestTelemetry(inputs)
        if context.options.json {
            context.printJSON(MonitorOutput.json(report))
        } else {
            for reject in report.rejects.prefix(50) {
                Terminal.warn("\(reject.source):\(reject.line): \(reject.message)")
            }
            if report.rejects.count > 50 { Terminal.warn("… and \(report.rejects.count - 50) more refused rows (--json lists them all)") }
            Terminal.note(MonitorOutput.ingestSummary(report))
        }
        if !report.rejects.isEmpty { throw ExitCode(1) }
    }
}

struct MonitorScan: DeskCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan", abstract: "Look for sustained degradations and open, update or close monitor tickets.",
        discussion: """
          Every finding has a fingerprint (device|metric|symptom): while its ticket is open no other is
          opened; the scan comments when it gets worse, and once the metric has been back to normal for
          `monitor.recovery_days` it says so (or resolves, with `monitor.on_recovery: resolve`).
          All changes of one scan are one commit.

          desk monitor scan --dry-run
          desk monitor scan --json
        """)
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print the findings and what would be done, write nothing.") var dryRun = false
    @Option(help: ArgumentHelp("Judge as of this day instead of the newest day with telemetry.", valueName: "YYYY-MM-DD"))
    var at: String?

    func execute(_ context: CommandContext) throws {
        let day = try at.map { text -> Int in
            guard let date = LocalDate(iso: text) else { throw DeskError.invalidValue(field: "--at", value: text, expected: "a date, YYYY-MM-DD") }
            return date.dayNumber
        }
        let desk = try context.openDesk()
        let report = try desk.scanMonitor(day: day, dryRun: dryRun, actor: try context.actor(for: desk))
        if context.options.json {
            context.printJSON(MonitorOutput.json(report))
        } else {
            for note in report.notes { Terminal.warn(note) }
            Terminal.out(MonitorOutput.scan(report, terminal: context.terminal))
        }
    }
}

struct MonitorShow: DeskCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "A device's telemetry: each metric's recent days, baseline and finding.",
        discussion: "  desk monitor show LPT-0042\n  desk monitor show LPT-0042 --metric boot_s --days 90")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Asset id (any case).") var device: String
    @Option(help: ArgumentHelp("Only this metric.", valueName: TelemetryMetric.allCases.map(\.rawValue).joined(separator: "|")))
    var metric: String?
    @Option(help: "Days of history to draw.") var days: Int = 42

    func execute(_ context: CommandContext) throws {
        let only = try metric.map { text -> TelemetryMetric in
            guard let metric = TelemetryMetric(rawValue: text) else {
                throw DeskError.invalidValue(field: "--metric", value: text, expected: TelemetryMetric.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return metric
        }
        guard (7...365).contains(days) else { throw DeskError.invalidValue(field: "--days", value: String(days), expected: "7 to 365") }
        let desk = try context.openDesk()
        let report = try desk.monitorDevice(device, metric: only, days: days)
        if context.options.json {
            context.printJSON(MonitorOutput.json(report))
        } else {
            Terminal.out(MonitorOutput.show(report, terminal: context.terminal))
        }
    }
}
