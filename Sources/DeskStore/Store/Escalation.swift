extension Desk {
    /// `desk escalate ID --to GROUP`: the ticket moves to another line (first → second → third).
    /// Its assignee stays only if they belong to that group; otherwise the group picks it up.
    public func escalate(_ input: String, to groupName: String, reason: String?, actor: Actor) throws -> TicketResult {
        let group = try Validate.name(groupName, field: "group")
        let why = try reason.map { try Validate.text($0, field: "reason") }
        try config.require(.work("escalate tickets"), by: actor)
        let known = config.groups
        if !config.people.isEmpty, !known.contains(group) {
            throw DeskError.invalidValue(field: "--to", value: group,
                                         expected: "a group someone under `people` belongs to: " + known.sorted().joined(separator: ", "))
        }
        return try update(input, actor: actor, action: "escalate", subject: "escalate to \(group)") { ticket, now, rng in
            guard ticket.group != group else { return }
            guard !config.workflow.done.contains(ticket.status) else {
                throw DeskError.invalidInput("\(ticket.id) is \(ticket.status); reopen it before escalating it")
            }
            ticket.activity.append(entry(now, actor, ActivityEntry.Kind.escalate, field: "group", from: ticket.group,
                                         to: group, text: why, rng: &rng))
            ticket.group = group
            if let assignee = ticket.assignee, let person = config.person(assignee), !person.groups.contains(group) {
                ticket.activity.append(entry(now, actor, ActivityEntry.Kind.assign, from: assignee, to: nil, rng: &rng))
                ticket.assignee = nil
            }
        }
    }
}
