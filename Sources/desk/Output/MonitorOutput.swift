import DeskStore
import Foundation

/// How `desk monitor ingest|scan|show` look as JSON and in a terminal.
enum MonitorOutput {
    // MARK: ingest

    static func json(_ report: TelemetryIngestReport) -> OrderedFields {
        var out = OrderedFields()
        out.add("stored", report.stored)
        out.add("rejected", report.rejects.count)
        var byReason = OrderedFields()
        for (reason, count) in Dictionary(grouping: report.rejects, by: \.reason.rawValue).mapValues(\.count).sorted(by: { $0.key < $1.key }) {
            byReason.add(reason, count)
        }
        out.add("rejected_by_reason", byReason)
        out.add("rejects", report.rejects.map { reject in
            var item = OrderedFields()
            item.add("source", reject.source)
            item.add("line", reject.line)
            item.add("reason", reject.reason.rawValue)
            item.add("message", reject.message)
            return item
        })
        var store = OrderedFields()
        store.add("samples", report.totalSamples)
        store.add("devices", report.devices)
        store.add("first", report.first.map { Timestamp(seconds: $0) })
        store.add("last", report.last.map { Timestamp(seconds: $0) })
        out.add("store", store)
        return out
    }

    static func ingestSummary(_ report: TelemetryIngestReport) -> String {
        var text = "Stored \(report.stored) sample\(report.stored == 1 ? "" : "s")"
        if !report.rejects.isEmpty {
            let reasons = Dictionary(grouping: report.rejects, by: \.reason.rawValue).mapValues(\.count)
                .sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.replacingOccurrences(of: "_", with: " "))" }
            text += "; refused \(report.rejects.count) row\(report.rejects.count == 1 ? "" : "s") (\(reasons.joined(separator: ", ")))"
        }
        text += ". The store holds \(report.totalSamples) samples of \(report.devices) device\(report.devices == 1 ? "" : "s")"
        if let first = report.first, let last = report.last {
            text += ", \(day(first)) … \(day(last))"
        }
        return text + "."
    }

    // MARK: scan

    static func json(_ report: MonitorScanReport) -> OrderedFields {
        var out = OrderedFields()
        out.add("day", LocalDate(dayNumber: report.day).description)
        out.add("dry_run", report.dryRun)
        out.add("devices", report.devices)
        out.add("series", report.series)
        out.add("commit", report.commit?.hex)
        out.add("items", report.items.map { item in
            var fields = OrderedFields()
            fields.add("action", item.action)
            fields.add("ticket", item.ticket.rawValue)
            fields.add("fingerprint", item.fingerprint)
            fields.add("title", item.title)
            if let finding = item.finding { fields.add("finding", json(finding)) }
            return fields
        })
        out.add("notes", report.notes)
        return out
    }

    static func json(_ finding: DegradationFinding) -> OrderedFields {
        var out = OrderedFields()
        out.add("device", finding.device)
        out.add("metric", finding.metric.rawValue)
        out.add("kind", finding.kind.rawValue)
        out.add("baseline", rounded(finding.baseline))
        out.add("current", rounded(finding.current))
        out.add("change", rounded(finding.relativeChange))
        out.add("since", LocalDate(dayNumber: finding.since).description)
        out.add("detected_on", LocalDate(dayNumber: finding.detectedOn).description)
        return out
    }

    static func scan(_ report: MonitorScanReport, terminal: Terminal) -> String {
        let verbs = ["opened": "opened", "worse": "commented: worse", "recovered": "commented: back to normal",
                     "resolved": "resolved: back to normal", "ongoing": "already open", "settling": "recently resolved, waiting"]
        var text = terminal.bold("Scan of \(LocalDate(dayNumber: report.day))") + ": \(report.devices) devices, \(report.series) series, "
            + "\(report.items.filter { $0.finding != nil }.count) finding\(report.items.filter { $0.finding != nil }.count == 1 ? "" : "s")"
            + (report.dryRun ? " (dry run: nothing written)" : "") + "\n"
        for item in report.items {
            let what = item.finding.map { finding in
                "\(finding.device) \(finding.metric.rawValue): \(finding.metric.format(finding.current)) vs \(finding.metric.format(finding.baseline))"
                    + (finding.metric.isCount ? "" : " (\(TelemetryMetric.percentChange(finding.relativeChange)))") + " since \(LocalDate(dayNumber: finding.since))"
            } ?? item.fingerprint
            let verb = (report.dryRun && item.action != "ongoing" && item.action != "settling" ? "would be " : "") + (verbs[item.action] ?? item.action)
            text += "  \(item.ticket)  \(verb.padding(toLength: 28, withPad: " ", startingAt: 0)) \(what)\n"
        }
        if let commit = report.commit { text += "Committed \(commit.hex.prefix(10)).\n" }
        return text
    }

    // MARK: show

    static func json(_ report: MonitorDeviceReport) -> OrderedFields {
        var out = OrderedFields()
        out.add("device", report.asset.id.rawValue)
        out.add("model", report.asset.model)
        out.add("owner", report.asset.owner)
        out.add("day", LocalDate(dayNumber: report.day).description)
        out.add("metrics", report.metrics.map { metric in
            var fields = OrderedFields()
            fields.add("metric", metric.series.metric.rawValue)
            fields.add("baseline", metric.baseline.map(rounded))
            fields.add("recent", metric.recent.map(rounded))
            fields.add("finding", metric.finding.map(json) ?? OrderedFields())
            fields.add("samples", zip(metric.series.days, metric.series.values).map { day, value in
                var sample = OrderedFields()
                sample.add("day", LocalDate(dayNumber: day).description)
                sample.add("value", rounded(value))
                return sample
            })
            return fields
        })
        out.add("tickets", report.tickets.map(TicketJSON.summary))
        return out
    }

    static func show(_ report: MonitorDeviceReport, terminal: Terminal) -> String {
        let asset = report.asset
        var text = terminal.bold(asset.id.rawValue) + "  " + asset.kind + (asset.model.map { " · " + $0 } ?? "")
            + (asset.owner.map { " · " + $0 } ?? "") + " — telemetry up to \(LocalDate(dayNumber: report.day))\n"
        if report.metrics.isEmpty { text += "\nNo telemetry for this device; `desk monitor ingest FILE` stores some.\n" }
        for metric in report.metrics {
            let m = metric.series.metric
            text += "\n" + terminal.bold(m.label) + " (\(m.rawValue))"
            text += "  usual " + (metric.baseline.map { m.format($0) } ?? "– (too little history)")
            text += " · last 7 days " + (metric.recent.map { m.format($0) } ?? "–") + "\n"
            for line in metric.chart { text += "  " + line + "\n" }
            if let finding = metric.finding {
                text += "  " + terminal.bold("finding") + ": \(finding.kind.rawValue.replacingOccurrences(of: "_", with: " "))"
                    + (m.isCount ? "" : ", \(TelemetryMetric.percentChange(finding.relativeChange))") + " since \(LocalDate(dayNumber: finding.since)) (`\(finding.fingerprint)`)\n"
            }
        }
        text += "\nMonitor tickets\n"
        text += report.tickets.isEmpty ? "  none\n" : TicketText(terminal: terminal).table(report.tickets)
        return text
    }

    // MARK: helpers

    private static func day(_ seconds: Int64) -> String {
        LocalDate(dayNumber: Int((Double(seconds) / 86_400).rounded(.down))).description
    }

    private static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
