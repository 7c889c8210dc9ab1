import DeskStore

/// `desk policy check` as text or JSON.
struct PolicyOutput {
    let terminal: Terminal

    static func json(_ check: PolicyCheck) -> OrderedFields {
        var out = OrderedFields()
        out.add("against", check.against)
        out.add("commit", check.commit?.hex)
        out.add("since", check.since)
        out.add("at", check.at)
        out.add("tickets", check.tickets)
        var summary = OrderedFields()
        summary.add("rerouted", check.differences.count { $0.rerouted })
        summary.add("reprioritised", check.differences.count { $0.reprioritised })
        summary.add("due_changed", check.differences.count { $0.dueChanged })
        summary.add("breaches_gained", check.differences.count { $0.breachGained })
        summary.add("breaches_avoided", check.differences.count { $0.breachAvoided })
        summary.add("breached_before", check.breachedBefore)
        summary.add("breached_after", check.breachedAfter)
        out.add("summary", summary)
        out.add("differences", check.differences.map { difference in
            var fields = OrderedFields()
            fields.add("id", difference.ticket.id)
            fields.add("title", difference.ticket.title)
            fields.add("created", difference.ticket.created)
            var changes: [String] = []
            if difference.rerouted { changes.append("routing") }
            if difference.reprioritised { changes.append("priority") }
            if difference.dueChanged { changes.append("due") }
            if difference.breachGained { changes.append("breach_gained") }
            if difference.breachAvoided { changes.append("breach_avoided") }
            fields.add("changes", changes)
            fields.add("before", outcome(difference.before))
            fields.add("after", outcome(difference.after))
            return fields
        })
        return out
    }

    private static func outcome(_ outcome: PolicyOutcome) -> OrderedFields {
        var out = OrderedFields()
        out.add("assignee", outcome.assignee)
        out.add("group", outcome.group)
        out.add("routing", outcome.routing)
        out.add("priority", outcome.priority?.rawValue)
        out.add("response_due", outcome.responseDue)
        out.add("resolve_due", outcome.resolveDue)
        out.add("breached", outcome.breached)
        return out
    }

    func text(_ check: PolicyCheck) -> String {
        let revision = check.commit.map { "\(check.against) (\($0.hex.prefix(10)))" } ?? check.against
        var out = terminal.bold("desk.yml in the working tree against \(revision)")
            + ": \(check.tickets) ticket\(check.tickets == 1 ? "" : "s") created since \(check.since.shortDisplay)\n"
        let sections: [(String, (PolicyDifference) -> Bool, (PolicyDifference) -> String)] = [
            ("Routed elsewhere", \.rerouted, { d in
                "\(Self.route(d.before)) → \(Self.route(d.after))" + (d.after.routing.map { "  (\($0))" } ?? "")
            }),
            ("Priority changed", \.reprioritised, { d in "\(d.before.priority?.rawValue ?? "–") → \(d.after.priority?.rawValue ?? "–")" }),
            ("Breaches gained", \.breachGained, { d in "resolve due \(d.before.resolveDue?.shortDisplay ?? "–") → \(d.after.resolveDue?.shortDisplay ?? "–")" }),
            ("Breaches avoided", \.breachAvoided, { d in "resolve due \(d.before.resolveDue?.shortDisplay ?? "–") → \(d.after.resolveDue?.shortDisplay ?? "–")" }),
        ]
        for (title, matches, describe) in sections {
            let found = check.differences.filter(matches)
            guard !found.isEmpty else { continue }
            out += "\n" + terminal.bold("\(title): \(found.count)") + "\n"
            for difference in found.prefix(20) {
                out += "  \(difference.ticket.id)  \(describe(difference))  \(terminal.dim(difference.ticket.title.replacingNewlines()))\n"
            }
            if found.count > 20 { out += "  … and \(found.count - 20) more (--format json lists them all)\n" }
        }
        let count = { (matches: (PolicyDifference) -> Bool) in check.differences.count(where: matches) }
        let dueOnly = count { $0.dueChanged && !$0.breachGained && !$0.breachAvoided }
        out += "\nRouted elsewhere \(count(\.rerouted)), priority changed \(count(\.reprioritised)), "
            + "breaches gained \(count(\.breachGained)), avoided \(count(\.breachAvoided)); "
            + "due times moved without changing a breach: \(dueOnly)\n"
        out += "Tickets of the period breaching a target: \(check.breachedBefore) before, \(check.breachedAfter) after\n"
        if check.differences.isEmpty { out += terminal.dim("No ticket is treated differently.") + "\n" }
        return out
    }

    private static func route(_ outcome: PolicyOutcome) -> String {
        [outcome.assignee, outcome.group.map { "group " + $0 }].compactMap { $0 }.joined(separator: ", ").nonEmpty ?? "nobody"
    }
}

private extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
