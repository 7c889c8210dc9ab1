import Foundation
import Yams

/// Reads the service-desk rules of `desk.yml`: `categories`, `calendars` and `sla`.
///
///     categories:
///       network: network              # category → the group that handles it (and its sub-categories)
///     calendars:
///       office:
///         time_zone: Europe/Amsterdam
///         hours: { mon-fri: "08:30-17:00" }
///         holidays: [nl, 2026-12-24]
///     sla:
///       calendar: office
///       at_risk: 80%
///       P1: { response: 30m, resolve: 4h, calendar: 24x7 }
enum PolicyCodec {
    static let calendarKeys: Set<String> = ["time_zone", "hours", "holidays"]
    static let slaKeys: Set<String> = ["calendar", "at_risk", "pause_in"]
    static let targetKeys: Set<String> = ["response", "resolve", "calendar"]
    static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    static func decode(_ top: Node.Mapping, into config: inout DeskConfig, fail: (Node, String) -> FormatError) throws {
        if let node = top["categories"], !FieldReader.isNull(node) {
            config.categories = try categories(node, groups: config.people.isEmpty ? nil : config.groups, fail: fail)
        }
        if let node = top["calendars"], !FieldReader.isNull(node) {
            guard case .mapping(let entries) = node else {
                throw fail(node, "`calendars` must map each calendar's name to its time_zone, hours and holidays")
            }
            for (key, value) in entries {
                guard let name = key.string, !name.isEmpty else { throw fail(key, "`calendars` names must be text") }
                guard name != CalendarRules.alwaysOpenName else {
                    throw fail(key, "`calendars.24x7` is built in (open every hour of every day) and cannot be redefined")
                }
                guard !config.calendars.contains(where: { $0.name == name }) else {
                    throw fail(key, "`calendars.\(name)` is listed twice")
                }
                config.calendars.append(try calendar(name, value, fail: fail))
            }
        }
        if let node = top["sla"], !FieldReader.isNull(node) {
            config.sla = try sla(node, config: config, fail: fail)
        }
    }

    // MARK: categories

    private static func categories(_ node: Node, groups: Set<String>?, fail: (Node, String) -> FormatError) throws -> [CategoryRoute] {
        guard case .mapping(let entries) = node else {
            throw fail(node, "`categories` must map each category to the group that handles it, like `network/vpn: network`")
        }
        var routes: [CategoryRoute] = []
        for (key, value) in entries {
            guard let category = key.string, !category.isEmpty, !category.contains(where: \.isWhitespace) else {
                throw fail(key, "`categories` keys must be category names such as `network/vpn`")
            }
            if routes.contains(where: { $0.category.caseInsensitiveCompare(category) == .orderedSame }) {
                throw fail(key, "`categories.\(category)` is listed twice; each category has one group")
            }
            guard let group = value.string, !group.isEmpty else {
                throw fail(value, "`categories.\(category)` must name one group, like `network`")
            }
            if let groups, !groups.contains(group) {
                throw fail(value, "`categories.\(category)` names group `\(group)`, which no one under `people` belongs to (groups: \(groups.sorted().joined(separator: ", ")))")
            }
            routes.append(CategoryRoute(category: category, group: group))
        }
        return routes
    }

    // MARK: calendars

    private static func calendar(_ name: String, _ node: Node, fail: (Node, String) -> FormatError) throws -> CalendarRules {
        let path = "calendars.\(name)"
        guard case .mapping(let fields) = node else {
            throw fail(node, "`\(path)` must be a mapping with time_zone, hours and holidays")
        }
        for (key, _) in fields where !calendarKeys.contains(key.string ?? "") {
            throw fail(key, "`\(path)` has unknown key `\(key.string ?? "?")`; known: \(calendarKeys.sorted().joined(separator: ", "))")
        }
        var timeZone = "UTC"
        if let zone = fields["time_zone"] {
            guard let id = zone.string, TimeZone(identifier: id) != nil else {
                throw fail(zone, "`\(path).time_zone` must be a time zone such as Europe/Amsterdam, not `\(zone.string ?? "?")`")
            }
            timeZone = id
        }
        guard let hoursNode = fields["hours"] else {
            throw fail(node, "`\(path)` needs `hours`, such as `{ mon-fri: \"08:30-17:00\" }`")
        }
        let hours = try weeklyHours(hoursNode, path: "\(path).hours", fail: fail)
        var sets: [String] = []
        var dates: [LocalDate] = []
        if let holidays = fields["holidays"], !FieldReader.isNull(holidays) {
            guard case .sequence(let items) = holidays else {
                throw fail(holidays, "`\(path).holidays` must be a list of rule sets (\(PublicHolidays.knownSets.keys.sorted().joined(separator: ", "))) and dates")
            }
            for item in items {
                let text = item.string ?? ""
                if PublicHolidays.knownSets[text.lowercased()] != nil {
                    sets.append(text.lowercased())
                } else if let range = dateRange(text) {
                    dates += stride(from: range.from.dayNumber, through: range.until.dayNumber, by: 1).map(LocalDate.init(dayNumber:))
                } else {
                    throw fail(item, "`\(path).holidays` item `\(text)` is neither a rule set (\(PublicHolidays.knownSets.keys.sorted().joined(separator: ", "))) nor a date (2026-12-24) or range (2026-12-24..2026-12-31)")
                }
            }
        }
        return CalendarRules(name: name, timeZone: timeZone, hours: hours, holidaySets: sets, closedDates: dates.sorted())
    }

    /// `mon-fri: "08:30-17:00"`, `sat: "10:00-14:00"`, `fri: "08:30-12:00, 13:00-16:00"`, `sun: closed`.
    private static func weeklyHours(_ node: Node, path: String, fail: (Node, String) -> FormatError) throws -> [[WorkingInterval]] {
        guard case .mapping(let entries) = node else {
            throw fail(node, "`\(path)` must map days to hours, like `mon-fri: \"08:30-17:00\"`")
        }
        var week: [[WorkingInterval]?] = Array(repeating: nil, count: 7)
        for (key, value) in entries {
            let spec = key.string ?? ""
            guard let days = daySpec(spec) else {
                throw fail(key, "`\(path)` key `\(spec)` must be a day (mon … sun) or a range of days (mon-fri)")
            }
            let intervals = try dayHours(value, path: "\(path).\(spec)", fail: fail)
            for day in days {
                if week[day] != nil {
                    throw fail(key, "`\(path).\(spec)` overlaps another entry for \(weekdays[day]); give each day once")
                }
                week[day] = intervals
            }
        }
        let result = week.map { $0 ?? [] }
        guard result.contains(where: { !$0.isEmpty }) else {
            throw fail(node, "`\(path)` has no working hours on any day")
        }
        return result
    }

    private static func dayHours(_ node: Node, path: String, fail: (Node, String) -> FormatError) throws -> [WorkingInterval] {
        if FieldReader.isNull(node) { return [] }
        var pieces: [(Node, String)] = []
        switch node {
        case .scalar(let scalar):
            if scalar.string.lowercased() == "closed" { return [] }
            pieces = scalar.string.split(separator: ",").map { (node, String($0)) }
        case .sequence(let items):
            pieces = try items.map {
                guard let text = $0.string else { throw fail($0, "`\(path)` items must be hours such as 08:30-17:00") }
                return ($0, text)
            }
        default:
            throw fail(node, "`\(path)` must be hours such as \"08:30-17:00\", several separated by commas, or `closed`")
        }
        var intervals: [WorkingInterval] = []
        for (at, text) in pieces {
            guard let interval = interval(text.trimmingWhitespace()) else {
                throw fail(at, "`\(path)`: `\(text.trimmingWhitespace())` is not hours like 08:30-17:00 (start before end, 00:00 to 24:00)")
            }
            intervals.append(interval)
        }
        intervals.sort { $0.start < $1.start }
        for (a, b) in zip(intervals, intervals.dropFirst()) where b.start < a.end {
            throw fail(node, "`\(path)`: hours \(clock(a.start))-\(clock(a.end)) and \(clock(b.start))-\(clock(b.end)) overlap")
        }
        return intervals
    }

    static func interval(_ text: String) -> WorkingInterval? {
        let ends = text.split(separator: "-", omittingEmptySubsequences: false)
        guard ends.count == 2, let start = minutes(String(ends[0])), let end = minutes(String(ends[1])), start < end else { return nil }
        return WorkingInterval(start: start, end: end)
    }

    private static func minutes(_ text: String) -> Int? {
        let parts = text.trimmingWhitespace().split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]), m < 60, h < 24 || (h == 24 && m == 0) else { return nil }
        return h * 60 + m
    }

    static func clock(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }

    /// `mon` → [0], `mon-fri` → [0…4].
    private static func daySpec(_ text: String) -> [Int]? {
        let ends = text.lowercased().split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let first = weekdays.firstIndex(of: ends[0]) else { return nil }
        if ends.count == 1 { return [first] }
        guard ends.count == 2, let last = weekdays.firstIndex(of: ends[1]), first <= last else { return nil }
        return Array(first...last)
    }

    /// `2026-12-24` or `2026-12-24..2026-12-31`.
    static func dateRange(_ text: String) -> Absence? {
        let ends = text.trimmingWhitespace().components(separatedBy: "..")
        guard (1...2).contains(ends.count), let from = LocalDate(iso: ends[0]),
              let until = ends.count == 2 ? LocalDate(iso: ends[1]) : from, from <= until else { return nil }
        return Absence(from: from, until: until)
    }

    // MARK: sla

    private static func sla(_ node: Node, config: DeskConfig, fail: (Node, String) -> FormatError) throws -> SLAPolicy {
        guard case .mapping(let fields) = node else {
            throw fail(node, "`sla` must be a mapping with calendar, at_risk and one entry per priority (P1 … P4)")
        }
        func knownCalendar(_ value: Node, _ key: String) throws -> String {
            guard let name = value.string, config.calendarRules(name) != nil else {
                let names = config.calendars.map(\.name) + [CalendarRules.alwaysOpenName]
                throw fail(value, "`\(key)` names calendar `\(value.string ?? "?")`, which is not under `calendars` (known: \(names.joined(separator: ", ")))")
            }
            return name
        }
        var policy = SLAPolicy(calendar: config.calendars.first?.name ?? CalendarRules.alwaysOpenName)
        for (key, value) in fields {
            let name = key.string ?? ""
            switch name {
            case "calendar":
                policy.calendar = try knownCalendar(value, "sla.calendar")
            case "at_risk":
                guard let share = FieldReader.share(value), share > 0, share < 1 else {
                    throw fail(value, "`sla.at_risk` must be a share of the target between 0 and 1 or a percentage, like 80%")
                }
                policy.atRisk = share
            case "pause_in":
                guard case .sequence(let items) = value else { throw fail(value, "`sla.pause_in` must be a list of statuses") }
                policy.pauseIn = try items.map {
                    guard let status = $0.string, config.workflow.statuses.contains(status) else {
                        throw fail($0, "`sla.pause_in` names `\($0.string ?? "?")`, which is not a workflow status (\(config.workflow.statuses.joined(separator: ", ")))")
                    }
                    return status
                }
            default:
                guard let priority = Priority(text: name) else {
                    throw fail(key, "`sla` has unknown key `\(name)`; known: calendar, at_risk, pause_in, P1, P2, P3, P4")
                }
                guard policy.targets[priority] == nil else { throw fail(key, "`sla.\(priority.rawValue)` is listed twice") }
                policy.targets[priority] = try target(value, path: "sla.\(priority.rawValue)", calendar: knownCalendar, fail: fail)
            }
        }
        if fields["pause_in"] == nil {
            policy.pauseIn = policy.pauseIn.filter(config.workflow.statuses.contains)
        }
        return policy
    }

    private static func target(_ node: Node, path: String, calendar: (Node, String) throws -> String,
                               fail: (Node, String) -> FormatError) throws -> SLATarget {
        guard case .mapping(let fields) = node else {
            throw fail(node, "`\(path)` must be a mapping like `{ response: 1h, resolve: 8h }`")
        }
        for (key, _) in fields where !targetKeys.contains(key.string ?? "") {
            throw fail(key, "`\(path)` has unknown key `\(key.string ?? "?")`; known: response, resolve, calendar")
        }
        func duration(_ key: String) throws -> BusinessDuration? {
            guard let value = fields[key], !FieldReader.isNull(value) else { return nil }
            guard let parsed = value.string.flatMap(BusinessDuration.init(text:)) else {
                throw fail(value, "`\(path).\(key)` must be a duration such as 30m, 4h, 3d or 1d4h, not `\(value.string ?? "?")`")
            }
            return parsed
        }
        return SLATarget(response: try duration("response"), resolve: try duration("resolve"),
                         calendar: try fields["calendar"].map { try calendar($0, "\(path).calendar") })
    }
}
