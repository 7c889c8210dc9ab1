import Foundation

/// What `desk new` is asked to create.
public struct NewTicketRequest: Sendable {
    public var title: String
    public var body: String = ""
    public var requester: String?
    public var department: String?
    public var category: String?
    public var impact: Impact?
    public var urgency: Urgency?
    public var priority: Priority?
    public var assignee: String?
    public var group: String?
    public var tags: [String] = []
    public var asset: String?
    public var channel: String? = "cli"

    public init(title: String) {
        self.title = title
    }
}

/// The outcome of a change to a ticket: the ticket afterwards, and whether anything was committed.
public struct TicketResult: Sendable {
    public let ticket: Ticket
    public let commit: ObjectID?
    public var changed: Bool { commit != nil }
}

private struct NothingToChange: Error {
    let ticket: Ticket
}

extension Desk {
    /// `desk new`: a ticket with a fresh id, in one commit — routed to its department's face (or
    /// the category's group), prioritised by impact × urgency, with due times on the SLA calendar.
    public func createTicket(_ request: NewTicketRequest, actor: Actor) throws -> TicketResult {
        let valid = try validated(request, actor: actor)
        var rng = SystemRandomNumberGenerator()
        var created: Ticket?
        let (commit, _) = try mutate { snapshot in
            let now = Timestamp.now()
            var id = TicketID.random(using: &rng)
            while try gitCall("reading HEAD", { try snapshot.exists(id.path) }) { id = TicketID.random(using: &rng) }
            let ticket = try newTicket(id, valid, now: now, actor: actor, rng: &rng)
            created = ticket
            return Change(files: [FileChange(path: id.path, content: try encodeWithinLimit(ticket))],
                          subject: "\(id): new: \(ticket.title)", ticket: id.rawValue, action: "new", actor: actor, time: now)
        }
        return TicketResult(ticket: created!, commit: commit)
    }

    /// The request with every value checked and normalised, and the actor allowed to make it.
    func validated(_ request: NewTicketRequest, actor: Actor) throws -> NewTicketRequest {
        if request.assignee != nil { try config.require(.work("assign tickets"), by: actor) }
        if request.priority != nil { try config.require(.work("set a priority by hand (it follows impact and urgency)"), by: actor) }
        var valid = request
        valid.title = try Validate.title(request.title)
        valid.body = try Validate.body(request.body)
        valid.tags = Validate.uniqued(try request.tags.map { try Validate.word($0, field: "tag") })
        valid.requester = try request.requester.map { try Validate.name($0, field: "requester") }
        valid.department = try request.department.map { try Validate.name($0, field: "department") }
        valid.category = try request.category.map { try Validate.name($0, field: "category") }
        valid.group = try request.group.map { try Validate.name($0, field: "group") }
        valid.assignee = try request.assignee.map { try Validate.name($0, field: "assignee") }
        valid.asset = try request.asset.map { try Validate.name($0, field: "asset") }
        valid.channel = try request.channel.map { try Validate.name($0, field: "channel") }
        return valid
    }

    /// A new ticket from a validated request: routed, prioritised and with due times, as of `now`.
    func newTicket(_ id: TicketID, _ request: NewTicketRequest, now: Timestamp, actor: Actor,
                   rng: inout SystemRandomNumberGenerator) throws -> Ticket {
        let clock = SLAClock(config: config)
        var ticket = Ticket(id: id, title: request.title, status: config.workflow.initial, created: now)
        ticket.body = request.body
        ticket.requester = request.requester
        ticket.department = request.department ?? request.requester.flatMap { config.person($0)?.department }
        ticket.category = request.category
        ticket.group = request.group
        ticket.asset = request.asset
        ticket.channel = request.channel
        ticket.impact = request.impact
        ticket.urgency = request.urgency
        ticket.priority = request.priority ?? config.priority(impact: request.impact, urgency: request.urgency)
        ticket.tags = request.tags
        let due = try slaCall { try clock.dueTimes(priority: ticket.priority, created: now) }
        ticket.responseDue = due.response
        ticket.resolveDue = due.resolve
        if let who = request.assignee {
            ticket.assignee = who
            ticket.activity.append(entry(now, actor, ActivityEntry.Kind.assign, to: who, rng: &rng))
            ticket.responded = now
            // Assigned from the start: open, as `desk assign` would make it.
            let workflow = config.workflow
            if workflow.allows(from: ticket.status, to: workflow.openStatus) {
                ticket.activity.append(entry(now, actor, ActivityEntry.Kind.status, from: ticket.status,
                                             to: workflow.openStatus, rng: &rng))
                ticket.status = workflow.openStatus
            }
        }
        let today = try slaCall { try clock.mainCalendar()?.localDate(of: now) } ?? LocalDate(dayNumber: Int(now.seconds / 86_400))
        if let route = config.route(requester: request.requester, department: request.department,
                                    category: request.category, on: today) {
            // Explicit --assignee and --group win; routing fills in what they leave open.
            let assignee = request.assignee == nil && request.group == nil ? route.assignee : nil
            let group = request.group == nil ? route.group : nil
            if assignee != nil || group != nil {
                if let assignee { ticket.assignee = assignee }
                if let group { ticket.group = group }
                // Routing is not a response: the clock runs until the operator answers.
                ticket.activity.append(entry(now, actor, ActivityEntry.Kind.route, field: assignee == nil ? "group" : "assignee",
                                             to: assignee ?? group, text: route.reason, rng: &rng))
            }
        }
        return ticket
    }

    /// `desk assign`.
    public func assign(_ input: String, to operatorName: String, actor: Actor) throws -> TicketResult {
        let who = try Validate.name(operatorName, field: "assignee")
        try config.require(.work("assign tickets"), by: actor)
        return try update(input, actor: actor, action: "assign", subject: "assign to \(who)") { ticket, now, rng in
            let workflow = config.workflow
            // Taking a ticket routed to you still opens it and counts as the first response.
            guard ticket.assignee != who || ticket.status == workflow.initial else { return }
            if ticket.assignee != who {
                ticket.activity.append(entry(now, actor, ActivityEntry.Kind.assign, from: ticket.assignee, to: who, rng: &rng))
                ticket.assignee = who
            }
            if ticket.status == workflow.initial, workflow.allows(from: ticket.status, to: workflow.openStatus) {
                ticket.activity.append(entry(now, actor, ActivityEntry.Kind.status, from: ticket.status,
                                             to: workflow.openStatus, rng: &rng))
                ticket.status = workflow.openStatus
            }
            if ticket.responded == nil, respondsAsOperator(actor, to: ticket) { ticket.responded = now }
        }
    }

    /// `desk comment` (public, or `internal` for staff only).
    public func comment(_ input: String, text: String, internal isInternal: Bool, actor: Actor) throws -> TicketResult {
        let body = try Validate.text(text, field: "comment")
        let kind = isInternal ? ActivityEntry.Kind.internal : ActivityEntry.Kind.comment
        if isInternal { try config.require(.work("write internal notes"), by: actor) }
        return try update(input, actor: actor, action: isInternal ? "internal" : "comment",
                          subject: isInternal ? "internal note" : "comment") { ticket, now, rng in
            ticket.activity.append(entry(now, actor, kind, text: body, rng: &rng))
            // A public reply from an operator is the first response.
            if !isInternal, ticket.responded == nil, respondsAsOperator(actor, to: ticket) { ticket.responded = now }
        }
    }

    /// `desk status`: any move the workflow allows.
    public func setStatus(_ input: String, to status: String, actor: Actor) throws -> TicketResult {
        guard config.workflow.statuses.contains(status) else {
            throw DeskError.invalidValue(field: "status", value: status,
                                         expected: "one of " + config.workflow.statuses.joined(separator: ", "))
        }
        try config.require(.work("change a ticket's status"), by: actor)
        return try update(input, actor: actor, action: "status", subject: "status \(status)") { ticket, now, rng in
            try move(&ticket, to: status, now: now, actor: actor, rng: &rng)
        }
    }

    /// `desk resolve`: the resolution text, optionally citing knowledge articles (which must exist),
    /// and with `publish` a new draft article made from the title and resolution, in the same commit.
    public func resolve(_ input: String, resolution: String, kb: [String], publish: Bool = false,
                        actor: Actor) throws -> TicketResult {
        let text = try Validate.text(resolution, field: "resolution")
        try config.require(.work("resolve tickets"), by: actor)
        let articles = try kb.map { try resolveArticleID($0).rawValue }
        let target = config.workflow.resolvedStatus
        guard publish else {
            return try update(input, actor: actor, action: "resolve", subject: "resolve") { ticket, now, rng in
                try move(&ticket, to: target, now: now, actor: actor, rng: &rng)
                ticket.activity.append(entry(now, actor, ActivityEntry.Kind.resolution, text: text, rng: &rng))
                for article in articles where !ticket.kb.contains(article) { ticket.kb.append(article) }
            }
        }
        let id = try resolveTicketID(input)
        var rng = SystemRandomNumberGenerator()
        var after: Ticket?
        let (commit, _) = try mutate { snapshot in
            let (ticket, blob) = try readTicket(id, in: snapshot)
            try ensureUnmodified(id.path, committed: blob)
            let now = Timestamp.now()
            var request = NewArticleRequest(title: ticket.title)
            request.body = text
            request.tags = ticket.tags
            request.category = ticket.category
            request.source = [id.rawValue]
            var article = try newArticle(request, actor: actor, now: now)
            while try gitCall("reading HEAD", { try snapshot.exists(article.id.path) }) { article.id = ArticleID.random(using: &rng) }
            var updated = ticket
            try move(&updated, to: target, now: now, actor: actor, rng: &rng)
            updated.activity.append(entry(now, actor, ActivityEntry.Kind.resolution, text: text, rng: &rng))
            for cited in articles + [article.id.rawValue] where !updated.kb.contains(cited) { updated.kb.append(cited) }
            updated.updated = max(now, ticket.updated)
            after = updated
            return Change(files: [FileChange(path: id.path, content: try encodeWithinLimit(updated)),
                                  FileChange(path: article.id.path, content: try encodeWithinLimit(article))],
                          subject: "\(id): resolve and publish \(article.id)", ticket: id.rawValue,
                          article: article.id.rawValue, action: "resolve", actor: actor, time: now)
        }
        return TicketResult(ticket: after!, commit: commit)
    }

    /// `desk close`.
    public func close(_ input: String, actor: Actor) throws -> TicketResult {
        let target = config.workflow.closedStatus
        try config.require(.work("close tickets"), by: actor)
        return try update(input, actor: actor, action: "close", subject: "close") { ticket, now, rng in
            try move(&ticket, to: target, now: now, actor: actor, rng: &rng)
        }
    }

    /// `desk reopen`.
    public func reopen(_ input: String, reason: String?, actor: Actor) throws -> TicketResult {
        let target = config.workflow.openStatus
        try config.require(.work("reopen tickets (requesters: add a comment instead)"), by: actor)
        let why = try reason.map { try Validate.text($0, field: "reason") }
        return try update(input, actor: actor, action: "reopen", subject: "reopen") { ticket, now, rng in
            try move(&ticket, to: target, now: now, actor: actor, rng: &rng)
            if let why { ticket.activity.append(entry(now, actor, ActivityEntry.Kind.comment, text: why, rng: &rng)) }
        }
    }

    /// `desk edit --set KEY=VALUE…`: each field change recorded in the activity.
    public func edit(_ input: String, assignments: [(key: String, value: String)], actor: Actor) throws -> TicketResult {
        guard !assignments.isEmpty else { throw DeskError.invalidInput("nothing to set; pass --set KEY=VALUE") }
        for (key, _) in assignments where !TicketFields.settable.contains(key) {
            throw DeskError.unknownField(key, settable: TicketFields.settable)
        }
        let keys = assignments.map(\.key).joined(separator: ", ")
        try config.require(.work("edit tickets"), by: actor)
        return try update(input, actor: actor, action: "edit", subject: "edit \(keys)") { ticket, now, rng in
            let before = ticket
            for (key, value) in assignments {
                try TicketFields.set(key, to: value, on: &ticket)
            }
            // A priority set by hand (one the matrix would not give) is kept when impact or urgency change.
            let setsPriority = assignments.contains { $0.key == "priority" }
            let followedMatrix = before.priority == config.priority(impact: before.impact, urgency: before.urgency)
            if !setsPriority, followedMatrix, ticket.impact != before.impact || ticket.urgency != before.urgency {
                ticket.priority = config.priority(impact: ticket.impact, urgency: ticket.urgency)
            }
            if ticket.priority != before.priority { try recomputeDueTimes(&ticket, now: now) }
            for key in TicketFields.settable {
                let old = TicketFields.get(key, of: before)
                let new = TicketFields.get(key, of: ticket)
                if old != new {
                    ticket.activity.append(entry(now, actor, ActivityEntry.Kind.field, field: key, from: old, to: new, rng: &rng))
                }
            }
        }
    }

    // MARK: Shared steps

    /// Read the ticket at HEAD, apply `change`, and commit — or commit nothing when nothing changed.
    func update(_ input: String, actor: Actor, action: String, subject: String,
                _ change: (inout Ticket, Timestamp, inout SystemRandomNumberGenerator) throws -> Void) throws -> TicketResult {
        let id = try resolveTicketID(input)
        var rng = SystemRandomNumberGenerator()
        var after: Ticket?
        do {
            let (commit, _) = try mutate { snapshot in
                let (ticket, blob) = try readTicket(id, in: snapshot)
                try ensureUnmodified(id.path, committed: blob)
                let now = Timestamp.now()
                var updated = ticket
                try change(&updated, now, &rng)
                guard updated != ticket else { throw NothingToChange(ticket: ticket) }
                updated.updated = max(now, ticket.updated)
                after = updated
                return Change(files: [FileChange(path: id.path, content: try encodeWithinLimit(updated))],
                              subject: "\(id): \(subject)", ticket: id.rawValue, action: action, actor: actor, time: now)
            }
            return TicketResult(ticket: after!, commit: commit)
        } catch let unchanged as NothingToChange {
            return TicketResult(ticket: unchanged.ticket, commit: nil)
        }
    }

    /// The file bytes, refused when they would pass the size every desk file must stay under.
    func encodeWithinLimit(_ ticket: Ticket) throws -> [UInt8] {
        let bytes = Array(TicketCodec.encode(ticket).utf8)
        guard bytes.count <= FrontMatter.maxFileSize else {
            throw DeskError.invalidInput("\(ticket.id): the ticket file would grow to \(bytes.count) bytes, over desk's limit of \(FrontMatter.maxFileSize) bytes; attach long logs elsewhere and comment a summary")
        }
        return bytes
    }

    func move(_ ticket: inout Ticket, to status: String, now: Timestamp, actor: Actor,
              rng: inout SystemRandomNumberGenerator) throws {
        let workflow = config.workflow
        guard ticket.status != status else { return }
        guard workflow.allows(from: ticket.status, to: status) else {
            throw DeskError.illegalTransition(id: ticket.id.rawValue, from: ticket.status, to: status,
                                              legal: workflow.legalMoves(from: ticket.status))
        }
        let clock = SLAClock(config: config)
        if clock.pauses(in: ticket.status), !clock.pauses(in: status), let due = ticket.resolveDue,
           let since = clock.pauseStart(TicketFacts.statusChanges(of: ticket), at: now) {
            // The resolution clock starts again: the time it stood still moves the due time on.
            ticket.resolveDue = try slaCall { try clock.extend(due, pausedFrom: since, to: now, priority: ticket.priority) }
        }
        ticket.activity.append(entry(now, actor, ActivityEntry.Kind.status, from: ticket.status, to: status, rng: &rng))
        let wasDone = workflow.done.contains(ticket.status)
        ticket.status = status
        if workflow.done.contains(status) {
            if !wasDone || ticket.resolved == nil { ticket.resolved = ticket.resolved ?? now }
        } else {
            ticket.resolved = nil
        }
        if ticket.responded == nil, respondsAsOperator(actor, to: ticket) { ticket.responded = now }
    }

    /// Whether `actor` acting on `ticket` is the service desk answering: an operator, or, on a desk
    /// that lists no people, anyone but the requester.
    func respondsAsOperator(_ actor: Actor, to ticket: Ticket) -> Bool {
        if config.people.isEmpty { return actor.handle != ticket.requester }
        return config.person(acting: actor)?.role.worksTickets ?? false
    }

    /// New due times for a changed priority: its targets from `created`, moved on by the pauses so far.
    func recomputeDueTimes(_ ticket: inout Ticket, now: Timestamp) throws {
        guard config.sla != nil else { return }
        let clock = SLAClock(config: config)
        let priority = ticket.priority
        let created = ticket.created
        let statuses = TicketFacts.statusChanges(of: ticket)
        ticket.responseDue = try slaCall { try clock.dueTimes(priority: priority, created: created).response }
        ticket.resolveDue = try slaCall { try clock.resolveDue(priority: priority, created: created, statuses: statuses, now: now) }
    }

    /// Calendar failures (a time zone this machine does not know) as desk errors naming desk.yml.
    func slaCall<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DeskError {
            throw error
        } catch {
            throw DeskError.invalidInput("desk.yml: the SLA calendar cannot be used: \(error)")
        }
    }

    func entry(_ now: Timestamp, _ actor: Actor, _ kind: String, field: String? = nil, from: String? = nil,
               to: String? = nil, text: String? = nil, rng: inout SystemRandomNumberGenerator) -> ActivityEntry {
        ActivityEntry(id: ActivityEntry.newID(using: &rng), at: now, author: actor.handle, kind: kind,
                      field: field, from: from, to: to, text: text)
    }
}
