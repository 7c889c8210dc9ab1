import DeskStore

/// How assets look as JSON and in a terminal.
enum AssetOutput {
    static func json(_ asset: Asset, tickets: [TicketSummary]? = nil) -> OrderedFields {
        var out = OrderedFields()
        out.add("id", asset.id.rawValue)
        out.add("kind", asset.kind)
        out.add("model", asset.model)
        out.add("owner", asset.owner)
        out.add("department", asset.department)
        out.add("purchased", asset.purchased)
        out.add("os", asset.os)
        out.add("created", asset.created)
        out.add("updated", asset.updated)
        out.add("notes", asset.body)
        out.add("path", asset.id.path)
        if let tickets { out.add("tickets", tickets.map(TicketJSON.summary)) }
        return out
    }

    static func show(_ asset: Asset, tickets: [TicketSummary], terminal: Terminal) -> String {
        var text = terminal.bold(asset.id.rawValue) + "  " + asset.kind + (asset.model.map { " · " + $0 } ?? "") + "\n"
        for (label, value) in [("owner", asset.owner), ("department", asset.department), ("purchased", asset.purchased),
                               ("os", asset.os)] {
            text += label.padding(toLength: 12, withPad: " ", startingAt: 0) + " " + (value ?? "–") + "\n"
        }
        if !asset.body.isEmpty { text += "\n" + asset.body + (asset.body.hasSuffix("\n") ? "" : "\n") }
        text += "\nTickets\n"
        text += tickets.isEmpty ? "  none\n" : TicketText(terminal: terminal).table(tickets)
        return text
    }

    static func table(_ assets: [Asset], terminal: Terminal) -> String {
        let rows = assets.map { [$0.id.rawValue, $0.kind, $0.model ?? "–", $0.owner ?? "–", $0.department ?? "–", $0.os ?? "–"] }
        let header = ["ID", "KIND", "MODEL", "OWNER", "DEPARTMENT", "OS"]
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces) + "\n"
        }
        return terminal.bold(line(header).trimmingCharacters(in: .newlines)) + "\n" + rows.map(line).joined()
    }
}
