import DeskStore

/// Human-readable renderings: `desk show`, the `desk list` table, `desk log`.
struct TicketText {
    let terminal: Terminal

    func show(_ t: Ticket) -> String {
        var out = terminal.bold("\(t.id)  \(t.title.replacingNewlines())") + "\n"
        let rows: [(String, String?)] = [
            ("status", t.status), ("priority", t.priority?.rawValue), ("impact", t.impact?.rawValue),
            ("urgency", t.urgency?.rawValue), ("assignee", t.assignee), ("group", t.group),
            ("requester", t.requester), ("department", t.department), ("category", t.category),
            ("asset", t.asset), ("channel", t.channel), ("created", t.created.display),
            ("updated", t.updated.display), ("responded", t.responded?.display),
            ("response due", t.responseDue?.display), ("resolve due", t.resolveDue?.display),
            ("resolved", t.resolved?.display),
            ("tags", t.tags.isEmpty ? nil : t.tags.joined(separator: ", ")),
            ("links", t.links.isEmpty ? nil : t.links.joined(separator: ", ")),
            ("kb", t.kb.isEmpty ? nil : t.kb.joined(separator: ", ")),
        ]
        for (label, value) in rows {
            guard let value else { continue }
            out += terminal.dim(label.padding(13)) + value.replacingNewlines() + "\n"
        }
        if !t.body.isEmpty {
            out += "\n" + t.body
            if !t.body.hasSuffix("\n") { out += "\n" }
        }
        if !t.activity.isEmpty {
            out += "\n" + terminal.bold("Activity") + "\n"
            for entry in t.activity {
                out += "  " + terminal.dim(entry.at.display) + "  " + entry.author.padding(12) + " " + describe(entry) + "\n"
            }
        }
        return out
    }

    func describe(_ entry: ActivityEntry) -> String {
        let arrow = { (from: String?, to: String?) in "\(from ?? "–") → \(to ?? "–")" }
        switch entry.kind {
        case ActivityEntry.Kind.assign: return "assigned " + arrow(entry.from, entry.to)
        case ActivityEntry.Kind.status: return "status " + arrow(entry.from, entry.to)
        case ActivityEntry.Kind.field: return "\(entry.field ?? "field") " + arrow(entry.from, entry.to)
        case ActivityEntry.Kind.route: return "routed to \(entry.to ?? "–") (\(entry.text ?? "rules in desk.yml"))"
        case ActivityEntry.Kind.escalate:
            return "escalated " + arrow(entry.from, entry.to) + (entry.text.map { ": " + $0.replacingNewlines() } ?? "")
        default:
            let label = entry.kind == ActivityEntry.Kind.internal ? "internal note" : entry.kind
            var body = Substring(entry.text ?? "")
            while body.last?.isNewline == true { body = body.dropLast() }
            let text = body.split(separator: "\n", omittingEmptySubsequences: false)
            guard let first = text.first else { return label }
            var out = label + ": " + first
            for line in text.dropFirst() { out += "\n" + String(repeating: " ", count: 37) + line }
            return out
        }
    }

    func table(_ tickets: [TicketSummary]) -> String {
        let header = ["ID", "PRI", "STATUS", "ASSIGNEE", "UPDATED", "TITLE"]
        let rows = tickets.map { t in
            [t.id, t.priority ?? "–", t.status, t.assignee ?? "–", t.updated.shortDisplay, t.title.replacingNewlines()]
        }
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated().dropLast() { widths[i] = max(widths[i], cell.count) }
        }
        let fixed = widths.dropLast().reduce(0) { $0 + $1 + 2 }
        let titleWidth = terminal.width.map { max(20, $0 - fixed) }
        func line(_ cells: [String]) -> String {
            var out = ""
            for (i, cell) in cells.enumerated().dropLast() { out += cell.padding(widths[i]) + "  " }
            let title = cells.last ?? ""
            if let titleWidth, title.count > titleWidth { out += title.prefix(titleWidth - 1) + "…" } else { out += title }
            return out
        }
        var out = terminal.bold(line(header)) + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }

    /// One line per field: field, value, then who set it, when and in which commit.
    func blame(_ lines: [FieldBlame]) -> String {
        let fieldWidth = lines.map(\.field.count).max() ?? 0
        let values = lines.map { line -> String in
            let value = line.value ?? "–"
            return value.count > 40 ? String(value.prefix(39)) + "…" : value
        }
        let valueWidth = values.map(\.count).max() ?? 0
        return zip(lines, values).map { line, value in
            line.field.padding(toLength: fieldWidth, withPad: " ", startingAt: 0) + "  "
                + value.padding(toLength: valueWidth, withPad: " ", startingAt: 0) + "  "
                + terminal.dim(String(line.commit.prefix(10))) + "  " + line.at.display + "  " + line.author + "\n"
        }.joined()
    }

    func history(_ entries: [HistoryEntry]) -> String {
        var out = ""
        for entry in entries {
            out += terminal.dim(String(entry.commit.prefix(10))) + "  " + entry.at.display + "  " + entry.author + "\n"
            out += "    " + entry.subject + "\n"
            for change in entry.changes {
                switch change.field {
                case ActivityEntry.Kind.comment, ActivityEntry.Kind.internal, ActivityEntry.Kind.resolution:
                    // The first line is enough here; `desk show` has the whole text.
                    let lines = (change.to ?? "").split(whereSeparator: \.isNewline)
                    let first = String(lines.first ?? "")
                    let more = lines.count > 1 || first.count > 70
                    out += "    + \(change.field): \(more ? first.prefix(69) + "…" : first)\n"
                default:
                    out += "    \(change.field): \(change.from?.replacingNewlines() ?? "–") → \(change.to?.replacingNewlines() ?? "–")\n"
                }
            }
        }
        return out
    }
}

extension Timestamp {
    /// `2026-11-23 14:05 UTC`.
    var display: String {
        let text = description
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5)) + " UTC"
    }

    /// `2026-11-23 14:05`.
    var shortDisplay: String {
        let text = description
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5))
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    /// One line for tables: line breaks shown as `⏎`.
    func replacingNewlines() -> String {
        contains(where: \.isNewline) ? split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: " ⏎ ") : self
    }
}
