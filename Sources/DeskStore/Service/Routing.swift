/// Where `desk new` sends a ticket, and why.
public struct RoutingDecision: Sendable, Equatable {
    public var assignee: String?
    public var group: String?
    public var department: String?
    /// In words, for the ticket's activity: `department hr → face carol; category network/vpn → group network`.
    public var reason: String
}

extension DeskConfig {
    /// Faces, not queues: a ticket from a department goes to the department's face, or to its
    /// deputy when the face is away on `day`; otherwise it goes to the group that handles its
    /// category. The group is filled in from the category either way. Nil when no rule applies.
    ///
    /// `department` is the one given on the command line; without it, the requester's.
    public func route(requester: String?, department given: String?, category: String?, on day: LocalDate) -> RoutingDecision? {
        let department = given ?? requester.flatMap { person($0)?.department }
        var reasons: [String] = []
        var assignee: String?
        if let name = department, let dept = departments.first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame }) {
            let face = dept.face.flatMap(person)
            let deputy = dept.deputy.flatMap(person)
            if let face, face.absence(on: day) == nil {
                assignee = face.handle
                reasons.append("department \(dept.name) → face \(face.handle)")
            } else if let deputy, deputy.absence(on: day) == nil {
                assignee = deputy.handle
                let away = face.flatMap { face in face.absence(on: day).map { "face \(face.handle) is away (\($0.description))" } }
                reasons.append("department \(dept.name) → deputy \(deputy.handle)" + (away.map { ", \($0)" } ?? ""))
            } else if face != nil || deputy != nil {
                reasons.append("department \(dept.name): face and deputy are both away")
            }
        }
        let route = categoryRoute(for: category)
        if let route, let category {
            reasons.append("category \(category) → group \(route.group)")
        }
        guard assignee != nil || route != nil else { return nil }
        return RoutingDecision(assignee: assignee, group: route?.group, department: department,
                               reason: reasons.joined(separator: "; "))
    }
}
