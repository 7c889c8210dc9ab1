import Yams

/// Reads and writes ticket files: YAML front matter in a fixed key order, then the Markdown description.
///
/// Format version 1 (2026-11): the fields of DESIGN.md in its order, then unknown keys as
/// found, then `activity:` as a list of entries (`id, at, author, kind, field, from, to, text`).
public enum TicketCodec {
    public static let formatVersion = 1

    /// The known front matter keys, in the order desk writes them.
    public static let keys = [
        "id", "title", "status", "priority", "impact", "urgency", "category", "requester", "department",
        "assignee", "group", "created", "updated", "response_due", "resolve_due", "responded", "resolved",
        "tags", "links", "kb", "asset", "channel", "activity",
    ]
    static let knownKeys = Set(keys)
    static let activityKeys = ["id", "at", "author", "kind", "field", "from", "to", "text"]

    // MARK: Writing

    public static func encode(_ ticket: Ticket) -> String {
        var out = "---\n"
        func scalar(_ key: String, _ value: String?) {
            out += value.map { "\(key): \(YAMLScalar.inline($0))\n" } ?? "\(key):\n"
        }
        func time(_ key: String, _ value: Timestamp?) {
            out += value.map { "\(key): \($0)\n" } ?? "\(key):\n"
        }
        out += "id: \(ticket.id.rawValue)\n"
        out += "title: \(YAMLScalar.inline(ticket.title))\n"
        scalar("status", ticket.status)
        scalar("priority", ticket.priority?.rawValue)
        scalar("impact", ticket.impact?.rawValue)
        scalar("urgency", ticket.urgency?.rawValue)
        scalar("category", ticket.category)
        scalar("requester", ticket.requester)
        scalar("department", ticket.department)
        scalar("assignee", ticket.assignee)
        scalar("group", ticket.group)
        time("created", ticket.created)
        time("updated", ticket.updated)
        time("response_due", ticket.responseDue)
        time("resolve_due", ticket.resolveDue)
        time("responded", ticket.responded)
        time("resolved", ticket.resolved)
        out += "tags: \(YAMLScalar.flowList(ticket.tags))\n"
        out += "links: \(YAMLScalar.flowList(ticket.links))\n"
        out += "kb: \(YAMLScalar.flowList(ticket.kb))\n"
        scalar("asset", ticket.asset)
        scalar("channel", ticket.channel)
        for field in ticket.extra {
            // A hand-written key such as `"a: b"` must stay one key when written back.
            scalar(YAMLScalar.inline(field.key), field.value)
        }
        if ticket.activity.isEmpty {
            out += "activity: []\n"
        } else {
            out += "activity:\n"
            for entry in ticket.activity {
                out += "- id: \(YAMLScalar.inline(entry.id))\n"
                out += "  at: \(entry.at)\n"
                out += "  author: \(YAMLScalar.inline(entry.author))\n"
                out += "  kind: \(YAMLScalar.inline(entry.kind))\n"
                if let field = entry.field { out += "  field: \(YAMLScalar.inline(field))\n" }
                if let from = entry.from { out += YAMLScalar.field("from", text: from, indent: 2) }
                if let to = entry.to { out += YAMLScalar.field("to", text: to, indent: 2) }
                if let text = entry.text { out += YAMLScalar.field("text", text: text, indent: 2) }
            }
        }
        out += "---\n"
        out += ticket.body
        return out
    }

    // MARK: Reading

    /// Parses the ticket file stored at `path` (relative to the desk root) and checks that its
    /// `id` is the one its name and shard folder say.
    public static func decodeFile(_ bytes: [UInt8], path: String) throws -> Ticket {
        let ticket = try decode(bytes, path: path)
        guard ticket.id.path == path else {
            throw FormatError(path: path, line: 2, rule: "id-mismatch",
                              message: "`id: \(ticket.id)` does not match the file's name and folder (\(path))")
        }
        return ticket
    }

    /// Parses ticket text; `path` is used in error messages.
    public static func decode(_ bytes: [UInt8], path: String) throws -> Ticket {
        if let ticket = CanonicalTicketParser.parse(bytes, path: path) { return ticket }
        return try decodeYAML(bytes, path: path)
    }

    /// The full reader: any valid YAML front matter, every failure a located `FormatError`.
    /// (`decode` tries the fast canonical reader first; tests call this to check both agree.)
    static func decodeYAML(_ bytes: [UInt8], path: String) throws -> Ticket {
        let document = try FrontMatter.parse(bytes, path: path)
        let reader = FieldReader(path: path, fields: document.fields)

        let idText = try reader.requiredString("id")
        guard let id = TicketID(idText.value) else {
            throw FormatError(path: path, line: idText.line, rule: "id",
                              message: "`id: \(idText.value)` is not a ticket id (T- and 8 letters or digits)")
        }
        let title = try reader.requiredString("title")
        let status = try reader.requiredString("status")
        let created = try reader.requiredTime("created")
        var ticket = Ticket(id: id, title: title.value, status: status.value, created: created)
        ticket.updated = try reader.optionalTime("updated") ?? created
        ticket.priority = try reader.optionalEnum("priority") { Priority(text: $0) }
        ticket.impact = try reader.optionalEnum("impact") { Impact(rawValue: $0) }
        ticket.urgency = try reader.optionalEnum("urgency") { Urgency(rawValue: $0) }
        ticket.category = try reader.optionalString("category")
        ticket.requester = try reader.optionalString("requester")
        ticket.department = try reader.optionalString("department")
        ticket.assignee = try reader.optionalString("assignee")
        ticket.group = try reader.optionalString("group")
        ticket.responseDue = try reader.optionalTime("response_due")
        ticket.resolveDue = try reader.optionalTime("resolve_due")
        ticket.responded = try reader.optionalTime("responded")
        ticket.resolved = try reader.optionalTime("resolved")
        ticket.tags = try reader.stringList("tags")
        ticket.links = try reader.stringList("links")
        ticket.kb = try reader.stringList("kb")
        ticket.asset = try reader.optionalString("asset")
        ticket.channel = try reader.optionalString("channel")
        ticket.activity = try reader.activity()
        ticket.extra = try reader.unknownFields(known: knownKeys)
        ticket.body = document.body
        return ticket
    }
}
