import Foundation

/// Parsing what `desk --json` prints, with JSONSerialization (so the tests do not share desk's encoder).
public enum JSON {
    public static func parse(_ text: String) throws -> Any {
        guard let data = text.data(using: .utf8), !data.isEmpty else {
            throw HarnessError("expected JSON, got nothing")
        }
        do {
            return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw HarnessError("not JSON (\(error)):\n\(text)")
        }
    }

    public static func object(_ text: String) throws -> [String: Any] {
        guard let object = try parse(text) as? [String: Any] else { throw HarnessError("expected a JSON object:\n\(text)") }
        return object
    }

    public static func array(_ text: String) throws -> [[String: Any]] {
        guard let array = try parse(text) as? [Any] else { throw HarnessError("expected a JSON array:\n\(text)") }
        return try array.map {
            guard let object = $0 as? [String: Any] else { throw HarnessError("expected an array of objects:\n\(text)") }
            return object
        }
    }

    /// True when `key` is present and its value is JSON `null` (absent is not null).
    public static func isNull(_ object: [String: Any], _ key: String) -> Bool {
        guard let value = object[key] else { return false }
        return value is NSNull
    }

    /// The `{"error": {"code", "message"}}` document desk prints with `--json` on failure.
    public static func error(_ text: String) throws -> (code: String, message: String) {
        let object = try self.object(text)
        guard let error = object["error"] as? [String: Any], let code = error["code"] as? String,
              let message = error["message"] as? String else {
            throw HarnessError("expected {\"error\": {\"code\", \"message\"}}:\n\(text)")
        }
        return (code, message)
    }
}

/// Ticket files written by hand, the way a person or another tool might commit them.
public enum TicketFile {
    /// `tickets/<shard>/<ID>.md` for a complete id.
    public static func path(_ id: String) -> String {
        let body = id.dropFirst(2)
        return "tickets/\(body.prefix(2))/\(id).md"
    }

    /// A small valid ticket: the required fields, optional `extra` front matter lines, and a body.
    public static func minimal(id: String, title: String = "Hand-made ticket", status: String = "new",
                               created: String = "2026-01-05T09:00:00Z", extra: [String] = [],
                               body: String = "") -> String {
        var text = "---\nid: \(id)\ntitle: \(title)\nstatus: \(status)\ncreated: \(created)\n"
        for line in extra { text += line + "\n" }
        return text + "---\n" + body
    }
}
