/// A monitor ticket as the scan needs to know it: which problem it is about and where it stands.
public struct MonitorTicket: Sendable, Equatable {
    public let id: TicketID
    public let fingerprint: String
    /// The first day of the problem (`monitor_since`): recovery is judged against the baseline before it.
    public let sinceDay: Int
    /// The UTC day it was resolved; nil while it is open.
    public let resolvedDay: Int?
    /// The change last reported on the ticket (`monitor_change`), nil once reported recovered.
    public let reportedChange: Double?

    public init(id: TicketID, fingerprint: String, sinceDay: Int, resolvedDay: Int?, reportedChange: Double?) {
        self.id = id
        self.fingerprint = fingerprint
        self.sinceDay = sinceDay
        self.resolvedDay = resolvedDay
        self.reportedChange = reportedChange
    }

    /// In a done status of the workflow.
    public var isDone: Bool { resolvedDay != nil }
}

/// What one scan does about one device and problem.
public enum MonitorStep: Sendable, Equatable {
    /// A new problem: open a ticket (the `episode`-th one for this fingerprint).
    case open(DegradationFinding, episode: Int)
    /// The open ticket's problem grew since it was last reported.
    case worse(TicketID, DegradationFinding, previous: Double?)
    /// The open ticket's metric has been back at baseline for the recovery days.
    case recovered(TicketID, fingerprint: String)
    /// Already reported and not worse: nothing to write.
    case ongoing(TicketID, DegradationFinding)
    /// A ticket for it was resolved less than the recovery days ago: give the repair time to show.
    case settling(TicketID, DegradationFinding)
}

/// Decides, from the findings of a scan and the monitor tickets already in the desk, which
/// tickets to open, comment on or call recovered. Pure, so the rules are tested without a desk.
public struct MonitorPlanner: Sendable {
    public let policy: MonitorPolicy

    public init(policy: MonitorPolicy) {
        self.policy = policy
    }

    /// Steps in fingerprint order. `recovered(fingerprint, ticket)` says whether the metric of an
    /// open ticket without a finding is back at the baseline it had before the problem began.
    public func plan(findings: [DegradationFinding], tickets: [MonitorTicket], now: Int,
                     recovered: (String, MonitorTicket) -> Bool) -> [MonitorStep] {
        var byFingerprint: [String: [MonitorTicket]] = [:]
        for ticket in tickets { byFingerprint[ticket.fingerprint, default: []].append(ticket) }
        var steps: [(String, MonitorStep)] = []
        var found: Set<String> = []
        for finding in findings {
            let fingerprint = finding.fingerprint
            found.insert(fingerprint)
            let known = byFingerprint[fingerprint] ?? []
            if let open = known.filter({ !$0.isDone }).min(by: { $0.sinceDay < $1.sinceDay }) {
                steps.append((fingerprint, isWorse(finding, than: open.reportedChange)
                    ? .worse(open.id, finding, previous: open.reportedChange) : .ongoing(open.id, finding)))
            } else if let last = known.filter({ $0.resolvedDay != nil }).max(by: { $0.resolvedDay! < $1.resolvedDay! }),
                      now - last.resolvedDay! < policy.recoveryDays {
                steps.append((fingerprint, .settling(last.id, finding)))
            } else {
                steps.append((fingerprint, .open(finding, episode: known.count + 1)))
            }
        }
        for (fingerprint, known) in byFingerprint where !found.contains(fingerprint) {
            for ticket in known where !ticket.isDone && ticket.reportedChange != nil && recovered(fingerprint, ticket) {
                steps.append((fingerprint, .recovered(ticket.id, fingerprint: fingerprint)))
            }
        }
        return steps.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Worse: the change grew by `worseBy` of the baseline (or of the last change, once that is
    /// over 100 %), or the problem is back after being reported recovered.
    func isWorse(_ finding: DegradationFinding, than reported: Double?) -> Bool {
        guard let reported else { return true }
        let now = abs(finding.relativeChange)
        return now - reported >= policy.worseBy * max(1, reported)
    }
}
