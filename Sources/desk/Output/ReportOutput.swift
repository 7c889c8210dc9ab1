import DeskStore

/// `desk report` as a table, JSON or CSV.
struct ReportOutput {
    let terminal: Terminal

    static func json(_ report: ServiceReport) -> OrderedFields {
        var out = OrderedFields()
        out.add("since", report.since)
        out.add("until", Timestamp(seconds: report.until.seconds - 1))
        out.add("by", report.by.rawValue)
        out.add("rows", report.rows.map { row($0, key: report.by.rawValue) })
        out.add("total", row(report.total, key: report.by.rawValue))
        out.add("recurring", report.recurring.map { item in
            var fields = OrderedFields()
            fields.add("department", item.department)
            fields.add("category", item.category)
            fields.add("count", item.count)
            return fields
        })
        return out
    }

    private static func row(_ row: ReportRow, key: String) -> OrderedFields {
        var out = OrderedFields()
        out.add(key, row.name)
        out.add("created", row.created)
        out.add("resolved", row.resolved)
        out.add("median_response_hours", row.medianResponseHours)
        out.add("median_resolution_hours", row.medianResolutionHours)
        out.add("response_compliance", row.responseCompliance)
        out.add("resolution_compliance", row.resolutionCompliance)
        out.add("open", row.open)
        var ages = OrderedFields()
        for (label, count) in zip(ReportRow.ageBuckets, row.backlog) { ages.add(label, count) }
        out.add("backlog_by_age", ages)
        return out
    }

    static let header = ["created", "resolved", "median_response_h", "median_resolution_h", "response_met_pct",
                         "resolution_met_pct", "open"] + ReportRow.ageBuckets.map { "open_" + $0 }

    static func cells(_ row: ReportRow) -> [String] {
        [String(row.created), String(row.resolved), hours(row.medianResponseHours), hours(row.medianResolutionHours),
         percent(row.responseCompliance), percent(row.resolutionCompliance), String(row.open)] + row.backlog.map(String.init)
    }

    static func csv(_ report: ServiceReport) -> String {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var out = ([report.by.rawValue] + header).joined(separator: ",") + "\n"
        for row in report.rows + [report.total] {
            out += ([field(row.name)] + cells(row).map { $0 == "–" ? "" : $0 }).joined(separator: ",") + "\n"
        }
        return out
    }

    func table(_ report: ServiceReport) -> String {
        let until = Timestamp(seconds: report.until.seconds - 1)
        var out = terminal.bold("Report \(report.since.shortDisplay) – \(until.shortDisplay), by \(report.by.rawValue)") + "\n\n"
        var rows = [[report.by.rawValue.uppercased(), "NEW", "RESOLVED", "RESPONSE", "RESOLUTION", "RESP MET", "RES MET", "OPEN",
                     "AGES " + ReportRow.ageBuckets.joined(separator: "/")]]
        for row in report.rows + [report.total] {
            let c = Self.cells(row)
            rows.append([row.name, c[0], c[1], c[2] == "–" ? "–" : c[2] + " h", c[3] == "–" ? "–" : c[3] + " h",
                         c[4] == "–" ? "–" : c[4] + " %", c[5] == "–" ? "–" : c[5] + " %", c[6],
                         row.backlog.map(String.init).joined(separator: "/")])
        }
        out += SLAOutput.columns(rows, terminal: terminal)
        if !report.recurring.isEmpty {
            out += "\n" + terminal.bold("Recurring categories") + " (raised twice or more in the period)\n"
            var lines: [String: [String]] = [:]
            for item in report.recurring { lines[item.department, default: []].append("\(item.category) ×\(item.count)") }
            for department in lines.keys.sorted() {
                out += "  " + department.padding(14) + lines[department]!.joined(separator: ", ") + "\n"
            }
        }
        return out
    }

    static func hours(_ value: Double?) -> String {
        guard let value else { return "–" }
        return String((value * 10).rounded() / 10)
    }

    static func percent(_ value: Double?) -> String {
        guard let value else { return "–" }
        return String((value * 1000).rounded() / 10)
    }
}
