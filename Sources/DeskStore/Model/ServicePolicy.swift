/// Response and resolution targets for one priority, on a business calendar.
public struct SLATarget: Sendable, Equatable, Codable {
    public var response: BusinessDuration?
    public var resolve: BusinessDuration?
    /// The calendar the targets run on; nil: the `sla` section's calendar.
    public var calendar: String?

    public init(response: BusinessDuration? = nil, resolve: BusinessDuration? = nil, calendar: String? = nil) {
        self.response = response
        self.resolve = resolve
        self.calendar = calendar
    }
}

/// The `sla` section of `desk.yml`.
public struct SLAPolicy: Sendable, Equatable, Codable {
    /// The calendar targets run on unless they name their own.
    public var calendar: String
    /// The share of a target used up that makes a ticket "at risk" (0.8: 80 %).
    public var atRisk: Double
    /// Statuses in which the resolution clock stops (the workflow's done statuses stop it too).
    public var pauseIn: [String]
    public var targets: [Priority: SLATarget]

    public init(calendar: String, atRisk: Double = 0.8, pauseIn: [String] = ["pending"],
                targets: [Priority: SLATarget] = [:]) {
        self.calendar = calendar
        self.atRisk = atRisk
        self.pauseIn = pauseIn
        self.targets = targets
    }

    /// The calendar the targets of `priority` run on.
    public func calendarName(for priority: Priority?) -> String {
        priority.flatMap { targets[$0]?.calendar } ?? calendar
    }
}

/// `categories:` in `desk.yml`: a category and the group that handles it. A rule covers its
/// sub-categories too (`network` covers `network/vpn`) unless a more specific rule exists.
public struct CategoryRoute: Sendable, Equatable, Codable {
    public var category: String
    public var group: String

    public init(category: String, group: String) {
        self.category = category
        self.group = group
    }

    /// Whether this rule covers `name`: the same category, or one below it.
    func covers(_ name: String) -> Bool {
        let rule = category.lowercased()
        let asked = name.lowercased()
        return asked == rule || asked.hasPrefix(rule + "/")
    }
}

/// A period someone is away, both days included, on the desk's wall clock.
public struct Absence: Sendable, Equatable, Codable {
    public var from: LocalDate
    public var until: LocalDate

    public init(from: LocalDate, until: LocalDate) {
        self.from = from
        self.until = until
    }

    public func contains(_ day: LocalDate) -> Bool { from <= day && day <= until }

    public var description: String { from == until ? from.description : "\(from)..\(until)" }
}

extension DeskConfig {
    /// The category rule for `category`: the most specific one that covers it.
    public func categoryRoute(for category: String?) -> CategoryRoute? {
        guard let category else { return nil }
        return categories.filter { $0.covers(category) }.max { $0.category.count < $1.category.count }
    }

    /// The calendar rules by name, `24x7` included.
    public func calendarRules(_ name: String) -> CalendarRules? {
        if let listed = calendars.first(where: { $0.name == name }) { return listed }
        return name == CalendarRules.alwaysOpenName ? .alwaysOpen : nil
    }

    /// The SLA target for a priority, if the desk sets one.
    public func slaTarget(_ priority: Priority?) -> SLATarget? {
        priority.flatMap { sla?.targets[$0] }
    }
}
