/// Where one SLA clock of a ticket stands at a moment.
public enum ClockState: Sendable, Equatable {
    /// The desk sets no target for this ticket's priority.
    case none
    /// Done in time.
    case met
    /// Done late, or not done and past due; `by` is how much business time too late.
    case breached(by: Int64)
    /// Still running; `used` is the share of the target used up (0…1).
    case running(used: Double)
    /// Stopped (pending, resolved) with time left; `used` as for running.
    case paused(used: Double)

    public var isBreached: Bool {
        if case .breached = self { return true }
        return false
    }

    /// The share of the target used up, for clocks still running or paused.
    public var used: Double? {
        switch self {
        case .running(let used), .paused(let used): return used
        default: return nil
        }
    }
}

/// A ticket's SLA at a moment: both clocks and the due times they ran to.
public struct SLAStanding: Sendable, Equatable {
    public var responseDue: Timestamp?
    public var resolveDue: Timestamp?
    public var response: ClockState
    public var resolution: ClockState

    public var isBreached: Bool { response.isBreached || resolution.isBreached }

    /// Not breached yet, but a running clock has used `threshold` or more of its target.
    public func isAtRisk(threshold: Double) -> Bool {
        guard !isBreached else { return false }
        if case .running(let used) = response, used >= threshold { return true }
        if case .running(let used) = resolution, used >= threshold { return true }
        return false
    }
}

/// Computes due times and SLA standings under one `desk.yml`: the priority's targets on its
/// business calendar, with the resolution clock stopped while a ticket is pending or done.
public final class SLAClock {
    public let config: DeskConfig
    private var calendars: [String: BusinessCalendar] = [:]

    public init(config: DeskConfig) {
        self.config = config
    }

    /// The calendar a priority's targets run on; nil when the desk sets no SLA.
    public func calendar(for priority: Priority?) throws -> BusinessCalendar? {
        guard let sla = config.sla else { return nil }
        return try calendar(named: sla.calendarName(for: priority))
    }

    /// The desk's main calendar (the `sla` section's), for "which day is it" questions such as absences.
    public func mainCalendar() throws -> BusinessCalendar? {
        guard let sla = config.sla else { return nil }
        return try calendar(named: sla.calendar)
    }

    private func calendar(named name: String) throws -> BusinessCalendar? {
        if let cached = calendars[name] { return cached }
        guard let rules = config.calendarRules(name) else { return nil }
        let calendar = try BusinessCalendar(rules)
        calendars[name] = calendar
        return calendar
    }

    /// Whether the resolution clock stands still in `status`.
    public func pauses(in status: String) -> Bool {
        config.workflow.done.contains(status) || (config.sla?.pauseIn.contains(status) ?? false)
    }

    /// Due times for a ticket created at `created` with `priority`, before any pause.
    public func dueTimes(priority: Priority?, created: Timestamp) throws -> (response: Timestamp?, resolve: Timestamp?) {
        guard let target = config.slaTarget(priority), let calendar = try calendar(for: priority) else { return (nil, nil) }
        return (target.response.map { calendar.add($0, to: created) }, target.resolve.map { calendar.add($0, to: created) })
    }

    /// `due` moved on by the business time of the pause `[start, end)`. A pause that starts after
    /// the due time has passed changes nothing: a breach is not undone by waiting.
    public func extend(_ due: Timestamp, pausedFrom start: Timestamp, to end: Timestamp, priority: Priority?) throws -> Timestamp {
        guard start < due, end > start, let calendar = try calendar(for: priority) else { return due }
        return calendar.add(seconds: calendar.businessSeconds(from: start, to: end), to: due)
    }

    /// The pauses of the resolution clock that a later status change ended, up to `moment`.
    public func finishedPauses(_ statuses: [TicketFacts.StatusChange], until moment: Timestamp) -> [(start: Timestamp, end: Timestamp)] {
        var result: [(start: Timestamp, end: Timestamp)] = []
        var start: Timestamp?
        for change in statuses where change.at <= moment {
            if pauses(in: change.status) {
                if start == nil { start = change.at }
            } else if let begun = start {
                result.append((begun, change.at))
                start = nil
            }
        }
        return result
    }

    /// When the pause going on at `moment` began (several paused statuses in a row are one pause).
    public func pauseStart(_ statuses: [TicketFacts.StatusChange], at moment: Timestamp) -> Timestamp? {
        var start: Timestamp?
        for change in statuses where change.at <= moment {
            if pauses(in: change.status) {
                if start == nil { start = change.at }
            } else {
                start = nil
            }
        }
        return start
    }

    /// The resolution due time desk writes: the target from `created`, moved on by every finished pause.
    public func resolveDue(priority: Priority?, created: Timestamp, statuses: [TicketFacts.StatusChange],
                           now: Timestamp) throws -> Timestamp? {
        guard var due = try dueTimes(priority: priority, created: created).resolve else { return nil }
        for stretch in finishedPauses(statuses, until: now) {
            due = try extend(due, pausedFrom: stretch.start, to: stretch.end, priority: priority)
        }
        return due
    }

    /// The SLA standing of a ticket at `moment`.
    ///
    /// `recompute`: derive the due times from the priority, `created` and the status history under
    /// this `desk.yml` (audits, policy checks). Otherwise use the due times written in the ticket,
    /// which already include finished pauses, and add only the pause going on at `moment`.
    public func standing(of facts: TicketFacts, at moment: Timestamp, recompute: Bool) throws -> SLAStanding {
        let target = config.slaTarget(facts.priority)
        var responseDue = facts.responseDue
        var resolveDue = facts.resolveDue
        if recompute {
            responseDue = try dueTimes(priority: facts.priority, created: facts.created).response
            resolveDue = try self.resolveDue(priority: facts.priority, created: facts.created, statuses: facts.statuses, now: moment)
        }
        let calendar = try calendar(for: facts.priority)
        var standing = SLAStanding(responseDue: responseDue, resolveDue: resolveDue, response: .none, resolution: .none)
        guard let calendar else {
            // No SLA configured: a due time written by hand is still honoured, by wall-clock time.
            standing.response = Self.wallClock(due: responseDue, done: facts.responded, at: moment)
            standing.resolution = Self.wallClock(due: resolveDue, done: facts.resolved, at: moment)
            return standing
        }
        if let due = responseDue {
            let length = target?.response.map { calendar.businessSeconds(from: facts.created, to: calendar.add($0, to: facts.created)) }
            standing.response = state(due: due, done: facts.responded.flatMap { $0 <= moment ? $0 : nil }, at: moment,
                                      pausedSince: nil, length: length, from: facts.created, calendar: calendar)
        }
        if let written = resolveDue {
            var due = written
            let resolved = facts.resolved.flatMap { $0 <= moment ? $0 : nil }
            // The pause going on at `moment` is not in the due time yet (desk writes it when the pause
            // ends); for a resolved ticket that pause is the resolution itself and does not count.
            let pausedSince = resolved == nil ? pauseStart(facts.statuses, at: moment) : nil
            if let pausedSince { due = try extend(due, pausedFrom: pausedSince, to: moment, priority: facts.priority) }
            let length = target?.resolve.map { calendar.businessSeconds(from: facts.created, to: calendar.add($0, to: facts.created)) }
            standing.resolution = state(due: due, done: resolved, at: moment, pausedSince: pausedSince, length: length,
                                        from: facts.created, calendar: calendar)
            standing.resolveDue = due
        }
        return standing
    }

    /// `pausedSince`: when the pause going on at `moment` began; time after it does not count.
    private func state(due: Timestamp, done: Timestamp?, at moment: Timestamp, pausedSince: Timestamp?, length: Int64?,
                       from created: Timestamp, calendar: BusinessCalendar) -> ClockState {
        if let done {
            return done <= due ? .met : .breached(by: calendar.businessSeconds(from: due, to: done))
        }
        if moment > due { return .breached(by: calendar.businessSeconds(from: due, to: min(moment, max(due, pausedSince ?? moment)))) }
        let total = length ?? calendar.businessSeconds(from: created, to: due)
        let left = calendar.businessSeconds(from: moment, to: due)
        let used = total > 0 ? min(1, max(0, Double(total - left) / Double(total))) : 1
        return pausedSince != nil ? .paused(used: used) : .running(used: used)
    }

    private static func wallClock(due: Timestamp?, done: Timestamp?, at moment: Timestamp) -> ClockState {
        guard let due else { return .none }
        let end = done.flatMap { $0 <= moment ? $0 : nil }
        if let end { return end <= due ? .met : .breached(by: end.seconds - due.seconds) }
        return moment > due ? .breached(by: moment.seconds - due.seconds) : .running(used: 0)
    }
}
