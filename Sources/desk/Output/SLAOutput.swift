import DeskStore

/// `desk sla` as a table or JSON.
struct SLAOutput {
    let terminal: Terminal

    static func json(_ overview: SLAOverview, shown: [SLAItem]) -> OrderedFields {
        var out = OrderedFields()
        out.add("at", overview.at)
        out.add("commit", overview.commit?.hex)
        out.add("at_risk_threshold", overview.threshold)
        var counts = OrderedFields()
        counts.add("open", overview.items.count)
        counts.add("breached", overview.breached)
        counts.add("at_risk", overview.atRisk)
        out.add("counts", counts)
        out.add("tickets", shown.map(item))
        out.add("by_group", overview.byGroup.map { tally("group", $0) })
        out.add("by_operator", overview.byOperator.map { tally("operator", $0) })
        return out
    }

    static func item(_ item: SLAItem) -> OrderedFields {
        var out = OrderedFields()
        let t = item.ticket
        out.add("id", t.id)
        out.add("title", t.title)
        out.add("status", t.status)
        out.add("priority", t.priority?.rawValue)
        out.add("assignee", t.assignee)
        out.add("group", t.group)
        out.add("department", t.department)
        out.add("state", state(item))
        out.add("response", clock(item.standing.response, due: item.standing.responseDue, done: t.responded))
        out.add("resolution", clock(item.standing.resolution, due: item.standing.resolveDue, done: t.resolved))
        return out
    }

    /// `breached`, `at_risk`, `paused` or `ok`.
    static func state(_ item: SLAItem) -> String {
        if item.standing.isBreached { return "breached" }
        if item.atRisk { return "at_risk" }
        if case .paused = item.standing.resolution { return "paused" }
        return "ok"
    }

    private static func clock(_ state: ClockState, due: Timestamp?, done: Timestamp?) -> OrderedFields {
        var out = OrderedFields()
        out.add("due", due)
        out.add("done", done)
        switch state {
        case .none: out.add("state", "none")
        case .met: out.add("state", "met")
        case .breached(let by):
            out.add("state", "breached")
            out.add("over_business_seconds", Int(by))
        case .running(let used):
            out.add("state", "running")
            out.add("used", used)
        case .paused(let used):
            out.add("state", "paused")
            out.add("used", used)
        }
        return out
    }

    private static func tally(_ key: String, _ tally: SLATally) -> OrderedFields {
        var out = OrderedFields()
        out.add(key, tally.name)
        out.add("open", tally.open)
        out.add("breached", tally.breached)
        out.add("at_risk", tally.atRisk)
        return out
    }

    func text(_ overview: SLAOverview, shown: [SLAItem], filtered: Bool) -> String {
        var out = ""
        let when = overview.commit.map { "as of \(overview.at.display) (commit \($0.hex.prefix(10)))" } ?? "now"
        out += terminal.bold("SLA \(when)") + ": \(overview.items.count) unresolved with targets, "
            + "\(overview.breached) breached, \(overview.atRisk) at risk (≥ \(Int((overview.threshold * 100).rounded())) % used)\n"
        let listed = filtered ? shown : shown.filter { $0.standing.isBreached || $0.atRisk }
        if !listed.isEmpty {
            out += "\n"
            var rows = [["ID", "PRI", "STATE", "CLOCK", "DUE (UTC)", "ASSIGNEE", "GROUP", "TITLE"]]
            for item in listed {
                let (clock, due) = Self.worstClock(item)
                rows.append([item.ticket.id, item.ticket.priority?.rawValue ?? "–", Self.state(item).replacingOccurrences(of: "_", with: " "),
                             clock, due?.shortDisplay ?? "–", item.ticket.assignee ?? "–", item.ticket.group ?? "–",
                             item.ticket.title.replacingNewlines()])
            }
            out += Self.columns(rows, terminal: terminal)
        }
        for (label, tallies) in [("By group", overview.byGroup), ("By operator", overview.byOperator)] where !tallies.isEmpty {
            out += "\n" + terminal.bold(label) + "\n"
            var rows = [["", "OPEN", "BREACHED", "AT RISK"]]
            rows += tallies.map { [$0.name, String($0.open), String($0.breached), String($0.atRisk)] }
            out += Self.columns(rows, terminal: terminal)
        }
        return out
    }

    /// The clock that makes the ticket's state: breached first, then the one most used.
    static func worstClock(_ item: SLAItem) -> (String, Timestamp?) {
        let s = item.standing
        if s.response.isBreached { return ("response", s.responseDue) }
        if s.resolution.isBreached { return ("resolution", s.resolveDue) }
        if (s.response.used ?? -1) >= (s.resolution.used ?? -1), s.response.used != nil { return ("response", s.responseDue) }
        return ("resolution", s.resolveDue)
    }

    /// Left-aligned columns, the first row as a dim header; the last column is not padded.
    static func columns(_ rows: [[String]], terminal: Terminal) -> String {
        guard let first = rows.first else { return "" }
        var widths = Array(repeating: 0, count: first.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for (index, row) in rows.enumerated() {
            let line = row.enumerated().map { i, cell in i == row.count - 1 ? cell : cell.padding(widths[i]) }.joined(separator: "  ")
            out += (index == 0 ? terminal.dim(line) : line) + "\n"
        }
        return out
    }
}
