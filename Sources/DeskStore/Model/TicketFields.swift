/// The fields `desk edit --set` may change, read and written as text.
enum TicketFields {
    static let settable = [
        "title", "priority", "impact", "urgency", "category", "requester", "department", "assignee", "group",
        "tags", "links", "kb", "asset", "channel",
    ]

    static func get(_ key: String, of ticket: Ticket) -> String? {
        switch key {
        case "title": return ticket.title
        case "priority": return ticket.priority?.rawValue
        case "impact": return ticket.impact?.rawValue
        case "urgency": return ticket.urgency?.rawValue
        case "category": return ticket.category
        case "requester": return ticket.requester
        case "department": return ticket.department
        case "assignee": return ticket.assignee
        case "group": return ticket.group
        case "tags": return ticket.tags.isEmpty ? nil : ticket.tags.joined(separator: ",")
        case "links": return ticket.links.isEmpty ? nil : ticket.links.joined(separator: ",")
        case "kb": return ticket.kb.isEmpty ? nil : ticket.kb.joined(separator: ",")
        case "asset": return ticket.asset
        case "channel": return ticket.channel
        default: return nil
        }
    }

    /// Sets one field from text; an empty value clears optional fields.
    static func set(_ key: String, to raw: String, on ticket: inout Ticket) throws {
        let value = raw.trimmingWhitespace()
        let optional: String? = value.isEmpty ? nil : value
        func list(_ make: (String) throws -> String) throws -> [String] {
            // Items are trimmed so `kb=KB-1, KB-2` works like `tags=a, b`; blank items are skipped.
            let items = value.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
            return Validate.uniqued(try items.map(make))
        }
        func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ make: (String) -> T?) throws -> T? where T.RawValue == String {
            guard let optional else { return nil }
            guard let parsed = make(optional) else {
                throw DeskError.invalidValue(field: key, value: raw,
                                             expected: "one of " + T.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return parsed
        }
        switch key {
        case "title": ticket.title = try Validate.title(raw)
        case "priority": ticket.priority = try choice(Priority.self) { Priority(text: $0) }
        case "impact": ticket.impact = try choice(Impact.self) { Impact(rawValue: $0.lowercased()) }
        case "urgency": ticket.urgency = try choice(Urgency.self) { Urgency(rawValue: $0.lowercased()) }
        case "category": ticket.category = try optional.map { try Validate.name($0, field: key) }
        case "requester": ticket.requester = try optional.map { try Validate.name($0, field: key) }
        case "department": ticket.department = try optional.map { try Validate.name($0, field: key) }
        case "assignee": ticket.assignee = try optional.map { try Validate.name($0, field: key) }
        case "group": ticket.group = try optional.map { try Validate.name($0, field: key) }
        case "asset": ticket.asset = try optional.map { try Validate.name($0, field: key) }
        case "channel": ticket.channel = try optional.map { try Validate.name($0, field: key) }
        case "tags": ticket.tags = try list { try Validate.word($0, field: "tag") }
        case "links": ticket.links = try list { try Validate.ticketLink($0) }
        case "kb": ticket.kb = try list { try Validate.articleID($0) }
        default: throw DeskError.unknownField(key, settable: settable)
        }
    }
}
