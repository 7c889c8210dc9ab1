/// The rules for one ticket file that go beyond reading it: workflow values, time order,
/// activity, SLA fields and references to people, tickets, articles and assets.
enum TicketRules {
    static func check(_ ticket: Ticket, path: String, bytes: [UInt8], context: LintContext) -> [LintFinding] {
        var findings: [(key: String, activity: (id: String, occurrence: Int)?, severity: Severity, rule: LintRule, message: String)] = []
        func report(_ key: String, activity: (id: String, occurrence: Int)? = nil, _ severity: Severity, _ rule: LintRule,
                    _ message: String) {
            findings.append((key, activity, severity, rule, message))
        }
        let config = context.config
        let workflow = config.workflow

        if ticket.id.path != path {
            report("id", .error, .idMismatch, "`id: \(ticket.id)` does not match the file's name and folder (\(path))")
            if context.contents.contains(ticket.id.path) {
                report("id", .error, .duplicateID, "`\(ticket.id)` is also the id of \(ticket.id.path)")
            }
        }
        if ticket.title.count > Validate.maxTitle {
            report("title", .warning, .value,
                   "`title` has \(ticket.title.count) characters; desk writes at most \(Validate.maxTitle) (move the rest into the description)")
        }
        if !workflow.statuses.contains(ticket.status) {
            report("status", .error, .value,
                   "`status: \(ticket.status)` is not a status of the workflow (\(workflow.statuses.joined(separator: ", ")))")
        }

        // Times.
        if ticket.updated < ticket.created {
            report("updated", .error, .timeOrder, "`updated` (\(ticket.updated)) is before `created` (\(ticket.created))")
        }
        for (key, time) in [("responded", ticket.responded), ("resolved", ticket.resolved)] {
            if let time, time < ticket.created {
                report(key, .error, .timeOrder, "`\(key)` (\(time)) is before `created` (\(ticket.created))")
            }
        }
        let done = workflow.done.contains(ticket.status)
        if done, ticket.resolved == nil {
            report("resolved", .warning, .resolution, "status `\(ticket.status)` but no `resolved` time")
        } else if !done, ticket.resolved != nil, workflow.statuses.contains(ticket.status) {
            report("resolved", .warning, .resolution, "`resolved` is set but status `\(ticket.status)` is not a resolved status")
        }

        // SLA fields.
        for (key, due) in [("response_due", ticket.responseDue), ("resolve_due", ticket.resolveDue)] {
            guard let due else { continue }
            if due < ticket.created { report(key, .warning, .sla, "`\(key)` (\(due)) is before `created` (\(ticket.created))") }
            if ticket.priority == nil { report(key, .warning, .sla, "`\(key)` is set but the ticket has no priority") }
        }
        if let response = ticket.responseDue, let resolve = ticket.resolveDue, resolve < response {
            report("resolve_due", .warning, .sla, "`resolve_due` (\(resolve)) is before `response_due` (\(response))")
        }

        // Activity: unique ids, in time order.
        var previous: ActivityEntry?
        for (index, entry) in ticket.activity.enumerated() {
            // A handful of entries per ticket: counting earlier uses beats hashing every id.
            let occurrence = ticket.activity[..<index].reduce(0) { $1.id == entry.id ? $0 + 1 : $0 }
            let at = (entry.id, occurrence)
            if occurrence > 0 {
                report("activity", activity: at, .error, .activity, "activity entry id `\(entry.id)` is used twice")
            }
            if let previous, entry.at < previous.at {
                report("activity", activity: at, .error, .activityOrder,
                       "activity entry `\(entry.id)` (\(entry.at)) is earlier than the entry before it (\(previous.at)); entries are kept oldest first")
            }
            if entry.at < ticket.created {
                report("activity", activity: at, .warning, .activityOrder,
                       "activity entry `\(entry.id)` (\(entry.at)) is before the ticket was created (\(ticket.created))")
            }
            previous = entry
        }

        for field in ticket.extra where !Ticket.monitorKeys.contains(field.key) {
            report(field.key, .warning, .unknownField,
                   "unknown field `\(field.key)`; desk keeps it, but no command reads it (known: \(TicketCodec.keys.joined(separator: ", ")))")
        }

        // References.
        for link in ticket.links {
            if let target = TicketID(link) {
                if !context.contents.contains(target.path) {
                    report("links", .error, .reference, "`links` names \(target), which does not exist")
                }
            } else {
                report("links", .error, .reference, "`links` item `\(link)` is not a ticket id")
            }
        }
        for kb in ticket.kb {
            if let article = ArticleID(kb) {
                if !context.contents.contains(article.path) {
                    report("kb", .error, .reference, "`kb` cites \(article), which does not exist in kb/")
                }
            } else {
                report("kb", .error, .reference, "`kb` item `\(kb)` is not an article id")
            }
        }
        if let asset = ticket.asset {
            if let id = AssetID(asset) {
                // A warning, unlike a missing article: `desk new --asset` takes any text and does not
                // look for the file, so an error here would refuse pushes of tickets desk wrote itself.
                if !context.contents.contains(id.path) {
                    report("asset", .warning, .reference,
                           "`asset` names \(id), which does not exist in assets/ (register it with `desk asset add \(id) --kind KIND`)")
                }
            } else {
                report("asset", .warning, .reference,
                       "`asset: \(asset)` is not an asset id (letters, a dash, letters or digits: LPT-0042), so it names no file in assets/")
            }
        }
        if !config.people.isEmpty {
            if let assignee = ticket.assignee {
                if let person = config.person(assignee) {
                    if !person.role.worksTickets {
                        report("assignee", .error, .reference, "`assignee: \(assignee)` is a requester in desk.yml, not an operator")
                    }
                } else {
                    report("assignee", .error, .reference, "`assignee: \(assignee)` is not listed under `people` in desk.yml")
                }
            }
            if let requester = ticket.requester, config.person(requester) == nil, !requester.contains("@") {
                report("requester", .warning, .reference, "`requester: \(requester)` is not listed under `people` in desk.yml")
            }
            if let group = ticket.group, !config.groups.contains(group) {
                report("group", .error, .reference,
                       "`group: \(group)` is not a group of anyone in desk.yml (groups: \(config.groups.sorted().joined(separator: ", ")))")
            }
        }
        let departments = config.departmentNames
        if let department = ticket.department, !departments.isEmpty, !departments.contains(department) {
            report("department", .error, .reference,
                   "`department: \(department)` is not a department in desk.yml (\(departments.sorted().joined(separator: ", ")))")
        }

        guard !findings.isEmpty else { return [] }
        let lines = FieldLines(bytes)
        return findings.map { item in
            let line = item.activity.map { lines.line(ofActivity: $0.id, occurrence: $0.occurrence) } ?? lines.line(of: item.key)
            return LintFinding(path: path, line: line, severity: item.severity, rule: item.rule, message: item.message)
        }
    }
}
