/// The settings in `desk.yml` that the core commands use.
///
/// Other capabilities (people, routing, SLAs) add their own sections; keys desk does not
/// know yet are ignored here and reported by lint.
public struct DeskConfig: Sendable, Equatable, Codable {
    public var name: String
    public var workflow: Workflow
    /// impact → urgency → priority.
    public var priorityMatrix: [Impact: [Urgency: Priority]]
    /// fsync objects and refs on every commit (slower, survives power loss).
    public var fsync: Bool
    /// Pack loose objects once this many have piled up (0: never automatically).
    public var autoPackThreshold: Int
    /// Operators, leads, admins and requesters. Empty: roles are not checked, but nobody is an
    /// admin, so `desk lint --range` still refuses deleted tickets and rewritten activity.
    public var people: [Person]
    public var departments: [Department]
    /// Which group handles which category.
    public var categories: [CategoryRoute]
    /// Business calendars by name (`24x7` is built in).
    public var calendars: [CalendarRules]
    /// Response and resolution targets; nil: tickets get no due times.
    public var sla: SLAPolicy?
    /// Thresholds and ticket rules of `desk monitor scan`.
    public var monitor: MonitorPolicy

    public static let standard = DeskConfig(
        name: "desk",
        workflow: .standard,
        priorityMatrix: [
            .person: [.low: .p4, .medium: .p3, .high: .p2],
            .department: [.low: .p3, .medium: .p3, .high: .p2],
            .organization: [.low: .p2, .medium: .p1, .high: .p1],
        ],
        fsync: false,
        autoPackThreshold: 2000,
        people: [],
        departments: [],
        categories: [],
        calendars: [],
        sla: nil,
        monitor: MonitorPolicy()
    )

    /// What `desk init` writes (`DeskConfigCodec.defaultFile`): the standard settings plus an
    /// office calendar (Mon–Fri 09:00–17:00 UTC) and SLA targets for every priority, spelled out
    /// to be edited. A `desk.yml` without those sections has no SLA.
    public static let initial: DeskConfig = {
        var config = DeskConfig.standard
        config.calendars = [CalendarRules(name: "office", timeZone: "UTC",
                                          hours: Array(repeating: [WorkingInterval(start: 540, end: 1020)], count: 5) + [[], []])]
        config.sla = SLAPolicy(calendar: "office", atRisk: 0.8, pauseIn: ["pending"], targets: [
            .p1: SLATarget(response: BusinessDuration(seconds: 1800), resolve: BusinessDuration(seconds: 4 * 3600), calendar: CalendarRules.alwaysOpenName),
            .p2: SLATarget(response: BusinessDuration(seconds: 3600), resolve: BusinessDuration(seconds: 8 * 3600)),
            .p3: SLATarget(response: BusinessDuration(seconds: 4 * 3600), resolve: BusinessDuration(days: 3)),
            .p4: SLATarget(response: BusinessDuration(days: 1), resolve: BusinessDuration(days: 10)),
        ])
        return config
    }()

    /// The priority for an impact and urgency (defaults: one person, medium urgency).
    public func priority(impact: Impact?, urgency: Urgency?) -> Priority {
        priorityMatrix[impact ?? .person]?[urgency ?? .medium] ?? .p3
    }
}
