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
        sla: nil
    )

    /// The priority for an impact and urgency (defaults: one person, medium urgency).
    public func priority(impact: Impact?, urgency: Urgency?) -> Priority {
        priorityMatrix[impact ?? .person]?[urgency ?? .medium] ?? .p3
    }
}
