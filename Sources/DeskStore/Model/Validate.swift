/// Checks on user-supplied values before they reach a file. Text round-trips exactly; limits
/// keep one file from swallowing the desk.
public enum Validate {
    public static let maxTitle = 500
    public static let maxName = 200
    public static let maxText = 256 * 1024

    public static func title(_ value: String) throws -> String {
        let trimmed = value.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw DeskError.invalidValue(field: "title", value: value, expected: "some text") }
        guard trimmed.count <= maxTitle else {
            throw DeskError.invalidValue(field: "title", value: String(trimmed.prefix(40)) + "…",
                                         expected: "at most \(maxTitle) characters (put details in the body)")
        }
        return trimmed
    }

    public static func body(_ value: String) throws -> String {
        guard value.utf8.count <= maxText else {
            throw DeskError.invalidValue(field: "body", value: String(value.prefix(40)) + "…", expected: "at most \(maxText) bytes")
        }
        // Ticket files are LF-only and text: CR would make the file unreadable (rule line-endings).
        guard !value.unicodeScalars.contains("\0") else {
            throw DeskError.invalidValue(field: "body", value: String(value.prefix(40)), expected: "text without NUL characters")
        }
        var scalars = String.UnicodeScalarView()
        var afterCR = false
        for scalar in value.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            if scalar == "\n", afterCR { continue }
            scalars.append(scalar == "\r" ? "\n" : scalar)
        }
        let lf = String(scalars)
        if lf.isEmpty { return "" }
        return lf.hasSuffix("\n") ? lf : lf + "\n"
    }

    public static func text(_ value: String, field: String) throws -> String {
        // A leading U+FEFF (a byte-order mark from pasted or piped text) does not survive reading the
        // YAML back (Yams drops it), so it is not stored.
        let value = value.unicodeScalars.first == "\u{FEFF}" ? String(value.unicodeScalars.dropFirst()) : value
        guard !value.trimmingWhitespace().isEmpty else {
            throw DeskError.invalidValue(field: field, value: value, expected: "some text")
        }
        guard value.utf8.count <= maxText else {
            throw DeskError.invalidValue(field: field, value: String(value.prefix(40)) + "…", expected: "at most \(maxText) bytes")
        }
        return value
    }

    /// A one-line value such as a person, department, category or group.
    public static func name(_ value: String, field: String) throws -> String {
        let trimmed = value.trimmingWhitespace()
        guard !trimmed.isEmpty, trimmed.count <= maxName,
              !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw DeskError.invalidValue(field: field, value: value, expected: "one line of at most \(maxName) characters")
        }
        return trimmed
    }

    /// A tag: one word-like value (no commas, so `--set tags=a,b` stays unambiguous).
    public static func word(_ value: String, field: String) throws -> String {
        let trimmed = try name(value, field: field)
        guard !trimmed.contains(","), trimmed.count <= 64 else {
            throw DeskError.invalidValue(field: field, value: value, expected: "a tag of at most 64 characters without commas")
        }
        return trimmed
    }

    public static func articleID(_ value: String) throws -> String {
        guard let id = ArticleID(value) else {
            throw DeskError.invalidValue(field: "kb", value: value, expected: "a knowledge article id like KB-4F7Q2M")
        }
        return id.rawValue
    }

    public static func ticketLink(_ value: String) throws -> String {
        guard let id = TicketID(value) else {
            throw DeskError.invalidValue(field: "links", value: value, expected: "complete ticket ids like T-8KQ2M4XZ")
        }
        return id.rawValue
    }

    static func uniqued(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        // U+FEFF (zero-width no-break space, a stray byte-order mark) is trimmed too: YAML reading drops it
        // at the start of a value, so a title or name starting with it would not read back the same.
        func blank(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace || scalar == "\u{FEFF}" }
        guard let start = scalars.firstIndex(where: { !blank($0) }),
              let end = scalars.lastIndex(where: { !blank($0) }) else { return "" }
        return String(scalars[start...end])
    }
}
