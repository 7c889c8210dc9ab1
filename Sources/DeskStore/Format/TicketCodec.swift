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
        var sink = StringSink(capacity: 1024 + ticket.body.utf8.count)
        encode(ticket, into: &sink)
        return sink.text
    }

    /// Whether `bytes` are exactly what `encode(ticket)` writes, without building the text.
    static func encodes(_ ticket: Ticket, as bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var sink = MatchingSink(bytes)
        encode(ticket, into: &sink)
        return sink.matchesAll
    }

    static func encode<Sink: TextSink>(_ ticket: Ticket, into out: inout Sink) {
        func scalar(_ key: String, _ value: String?) {
            out.write(key)
            if let value {
                out.write(": ")
                out.write(YAMLScalar.inline(value))
            } else {
                out.write(":")
            }
            out.write("\n")
        }
        func time(_ key: String, _ value: Timestamp?) {
            out.write(key)
            if let value {
                out.write(": ")
                out.write(value.description)
            } else {
                out.write(":")
            }
            out.write("\n")
        }
        func list(_ key: String, _ items: [String]) {
            out.write(key)
            out.write(": ")
            YAMLScalar.writeFlowList(items, into: &out)
            out.write("\n")
        }
        out.write("---\nid: ")
        out.write(ticket.id.rawValue)
        out.write("\n")
        scalar("title", ticket.title)
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
        list("tags", ticket.tags)
        list("links", ticket.links)
        list("kb", ticket.kb)
        scalar("asset", ticket.asset)
        scalar("channel", ticket.channel)
        for field in ticket.extra {
            // A hand-written key such as `"a: b"` must stay one key when written back.
            scalar(YAMLScalar.inline(field.key), field.value)
        }
        if ticket.activity.isEmpty {
            out.write("activity: []\n")
        } else {
            out.write("activity:\n")
            for entry in ticket.activity {
                out.write("- id: ")
                out.write(YAMLScalar.inline(entry.id))
                out.write("\n  at: ")
                out.write(entry.at.description)
                out.write("\n  author: ")
                out.write(YAMLScalar.inline(entry.author))
                out.write("\n  kind: ")
                out.write(YAMLScalar.inline(entry.kind))
                out.write("\n")
                if let field = entry.field { scalar("  field", field) }
                if let from = entry.from { YAMLScalar.writeField("from", text: from, indent: 2, into: &out) }
                if let to = entry.to { YAMLScalar.writeField("to", text: to, indent: 2, into: &out) }
                if let text = entry.text { YAMLScalar.writeField("text", text: text, indent: 2, into: &out) }
            }
        }
        out.write("---\n")
        out.write(ticket.body)
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
